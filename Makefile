# SPDX-License-Identifier: GPL-2.0
# The workspace of the guest_memfd in-place conversion series: see README.md.

S := scripts

.PHONY: all run check check-full regress bench stress vcpus tree series shell kernel selftests test deps clean distclean

all: run

# Build the patched kernel and the selftests, run them in the test VM.
# T="guest_memfd_test x86/..." runs only those; MODES="on off" picks the
# kvm.gmem_in_place_conversion modes; FLAVOUR=debug|nodebug|noprivate|arm64
# the kernel (scripts/lib.sh).
export FLAVOUR MODES BENCH_ARGS BENCH_RUNS

run: deps tree kernel selftests
	@rm -f build/logs/results
	$(S)/run-tests.sh $(T)
	@! grep -q '^FAIL' build/logs/results

# The gate (what CI runs), and the full one, run before every revision of
# the series is exported (scripts/check.sh says what each runs).
check:
	$(S)/check.sh

check-full:
	$(S)/check.sh --full

# The whole x86 KVM selftest suite, base against series (not in check):
# writes tests/regress-x86.txt.
regress: deps tree
	$(S)/regress.sh

# The conversion benchmark in both modes, side by side (BENCH_ARGS=,
# BENCH_RUNS=).
bench: deps tree
	$(S)/bench.sh

# The guest_memfd stress test for DURATION seconds per mode (default 600),
# SEED= to reproduce a run (not in check, which runs it briefly).
export SEED DURATION STRESS_ARGS
stress: deps tree
	$(S)/stress.sh

# Upstream's dirty_log_perf_test and the stress test with two vCPUs, on the
# base and the series, with multi- and single-threaded TCG: where a failure
# of the test VM comes from (not in check).
vcpus: deps tree
	$(S)/vcpus.sh

deps:
	@$(S)/deps.sh

tree: deps
	@$(S)/mktree.sh

series:
	@$(S)/export-series.sh

kernel:
	@$(S)/build-kernel.sh

selftests: kernel
	@$(S)/build-selftests.sh
	@$(S)/build-selftests.sh --base

# An interactive shell in the test VM (the selftests are in /tests).
shell: deps tree kernel selftests
	@$(S)/mkinitramfs.sh
	@$(S)/run-vm.sh --shell $(CMDLINE)

clean:
	rm -rf build/obj build/obj-* build/selftests build/selftests-* \
		build/initramfs build/initramfs.cpio build/logs build/maple-src \
		build/base-src

# Also removes build/linux: only after 'make series'.
distclean:
	@$(S)/mktree.sh --check-exported
	rm -rf build
