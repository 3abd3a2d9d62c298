// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal VMM that converts guest memory in place: the walk-through of
 * README.md, and of "In-place conversion from a VMM" in
 * Documentation/virt/kvm/api.rst.
 *
 * A software-protected x86 VM runs a few instructions of real-mode code.
 * The guest asks with KVM_HC_MAP_GPA_RANGE for a page to become private,
 * writes to it, and asks for it to become shared again.  The VMM converts
 * the page of the guest_memfd in place on each request, retrying on EAGAIN,
 * and at the end reads what the guest wrote while the page was private,
 * through the same mapping it used before: the data stayed where it was.
 *
 * Build against the UAPI headers of a kernel with the series:
 *   gcc -Wall -O2 -isystem OBJ/usr/include -o gmem-inplace-vmm gmem-inplace-vmm.c
 * Exit status: 0 on success, 4 (skip) if the kernel can't convert in place,
 * 1 on an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm.h>
#include <linux/kvm_para.h>

#define CODE_GPA	0x1000
#define GMEM_GPA	0x10000		/* the guest_memfd's memslot */
#define GMEM_SIZE	0x10000
#define PAGE_SIZE	4096
#define MAX_RETRIES	100

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/*
 * Real mode, at CODE_GPA: make the page at GMEM_GPA private, write 0x1234 to
 * it, make it shared again, halt.
 */
static const uint8_t guest_code[] = {
	0x66, 0xb8, 0x0c, 0x00, 0x00, 0x00,	/* mov $KVM_HC_MAP_GPA_RANGE, %eax */
	0x66, 0xbb, 0x00, 0x00, 0x01, 0x00,	/* mov $GMEM_GPA, %ebx */
	0x66, 0xb9, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %ecx (pages) */
	0x66, 0xba, 0x10, 0x00, 0x00, 0x00,	/* mov $KVM_MAP_GPA_RANGE_ENCRYPTED, %edx */
	0x0f, 0x01, 0xd9,			/* vmmcall */
	0xb8, 0x00, 0x10,			/* mov $(GMEM_GPA >> 4), %ax */
	0x8e, 0xd8,				/* mov %ax, %ds */
	0xc7, 0x06, 0x00, 0x00, 0x34, 0x12,	/* movw $0x1234, (0) */
	0x66, 0xb8, 0x0c, 0x00, 0x00, 0x00,	/* mov $KVM_HC_MAP_GPA_RANGE, %eax */
	0x66, 0xbb, 0x00, 0x00, 0x01, 0x00,	/* mov $GMEM_GPA, %ebx */
	0x66, 0xb9, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %ecx */
	0x66, 0x31, 0xd2,			/* xor %edx, %edx (decrypted) */
	0x0f, 0x01, 0xd9,			/* vmmcall */
	0xf4,					/* hlt */
};

/*
 * Convert [offset, offset + size) of the guest_memfd.  EAGAIN means that a
 * page is still in use: error_offset says which.  A VMM first releases what
 * it holds on that page (finishes its I/O to it); references that others
 * hold briefly go away by themselves, so retry a bounded number of times.
 */
static int convert(int gmem_fd, uint64_t offset, uint64_t size, uint64_t attributes)
{
	struct kvm_memory_attributes2 attr = {
		.offset = offset,
		.size = size,
		.attributes = attributes,
	};
	int i;

	for (i = 0; i < MAX_RETRIES; i++) {
		if (!ioctl(gmem_fd, KVM_SET_MEMORY_ATTRIBUTES2, &attr))
			return 0;
		if (errno != EAGAIN)
			return -errno;
		fprintf(stderr, "page at offset 0x%llx is busy, retrying\n",
			(unsigned long long)attr.error_offset);
		usleep(1000);
	}
	return -EAGAIN;
}

/* The guest's KVM_HC_MAP_GPA_RANGE: a range of guest physical pages. */
static int64_t map_gpa_range(int gmem_fd, uint64_t gpa, uint64_t npages, uint64_t attrs)
{
	uint64_t attributes = 0;

	if (gpa < GMEM_GPA || npages > (GMEM_GPA + GMEM_SIZE - gpa) / PAGE_SIZE)
		return -KVM_EINVAL;
	if (attrs & KVM_MAP_GPA_RANGE_ENCRYPTED)
		attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE;
	/* The memslot maps GMEM_GPA to offset 0 of the guest_memfd. */
	printf("guest: make 0x%llx (%llu page) %s\n", (unsigned long long)gpa,
	       (unsigned long long)npages, attributes ? "private" : "shared");
	return convert(gmem_fd, gpa - GMEM_GPA, npages * PAGE_SIZE, attributes) ?
	       -KVM_EINVAL : 0;
}

int main(void)
{
	struct kvm_create_guest_memfd gmem = {
		.size = GMEM_SIZE,
		.flags = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED,
	};
	struct kvm_enable_cap hypercall_exit = {
		.cap = KVM_CAP_EXIT_HYPERCALL,
		.args[0] = 1 << KVM_HC_MAP_GPA_RANGE,
	};
	struct kvm_userspace_memory_region2 region;
	int kvm, vm, vcpu, gmem_fd, run_size;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_run *run;
	uint8_t *low, *mem;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");

	/* 1. Detect: a VM type with private memory, and in-place conversion. */
	if (!(ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_VM_TYPES) &
	      (1 << KVM_X86_SW_PROTECTED_VM))) {
		printf("no software-protected VMs on this host\n");
		return 4;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, KVM_X86_SW_PROTECTED_VM);
	if (vm < 0)
		die("KVM_CREATE_VM");
	if (!(ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES) &
	      KVM_MEMORY_ATTRIBUTE_PRIVATE)) {
		/* A VMM would use KVM_SET_MEMORY_ATTRIBUTES on the VM instead. */
		printf("in-place conversion is off (kvm.gmem_in_place_conversion)\n");
		return 4;
	}

	/* 2. Memory: the guest's code, and one guest_memfd for its data. */
	low = mmap(NULL, GMEM_GPA, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (low == MAP_FAILED)
		die("mmap");
	memcpy(low + CODE_GPA, guest_code, sizeof(guest_code));
	region = (struct kvm_userspace_memory_region2) {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = GMEM_GPA,
		.userspace_addr = (uintptr_t)low,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION2, &region))
		die("KVM_SET_USER_MEMORY_REGION2");

	gmem_fd = ioctl(vm, KVM_CREATE_GUEST_MEMFD, &gmem);
	if (gmem_fd < 0)
		die("KVM_CREATE_GUEST_MEMFD");
	/* The VMM's own view of the guest's shared memory. */
	mem = mmap(NULL, GMEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, gmem_fd, 0);
	if (mem == MAP_FAILED)
		die("mmap guest_memfd");
	region = (struct kvm_userspace_memory_region2) {
		.slot = 1,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = GMEM_GPA,
		.memory_size = GMEM_SIZE,
		.userspace_addr = (uintptr_t)mem,
		.guest_memfd = gmem_fd,
		.guest_memfd_offset = 0,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION2, &region))
		die("KVM_SET_USER_MEMORY_REGION2 (guest_memfd)");
	memset(mem, 0xaa, PAGE_SIZE);	/* shared: the VMM writes it */

	/* 3. The guest's conversion requests exit to the VMM. */
	if (ioctl(vm, KVM_ENABLE_CAP, &hypercall_exit))
		die("KVM_ENABLE_CAP(KVM_CAP_EXIT_HYPERCALL)");

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		die("KVM_CREATE_VCPU");
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		die("mmap kvm_run");
	if (ioctl(vcpu, KVM_GET_SREGS, &sregs))
		die("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs))
		die("KVM_SET_SREGS");
	regs = (struct kvm_regs) { .rip = CODE_GPA, .rflags = 2 };
	if (ioctl(vcpu, KVM_SET_REGS, &regs))
		die("KVM_SET_REGS");

	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) && errno != EINTR)
			die("KVM_RUN");
		if (run->exit_reason == KVM_EXIT_HLT)
			break;
		if (run->exit_reason == KVM_EXIT_HYPERCALL &&
		    run->hypercall.nr == KVM_HC_MAP_GPA_RANGE) {
			run->hypercall.ret = map_gpa_range(gmem_fd, run->hypercall.args[0],
							   run->hypercall.args[1],
							   run->hypercall.args[2]);
			continue;
		}
		fprintf(stderr, "unexpected exit %u\n", run->exit_reason);
		return 1;
	}

	/* 4. The page is shared again, with what the guest wrote in place. */
	printf("host: the page reads 0x%02x%02x, then 0x%02x\n", mem[1], mem[0], mem[2]);
	if (mem[0] != 0x34 || mem[1] != 0x12 || mem[2] != 0xaa) {
		fprintf(stderr, "the data did not stay in place\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
