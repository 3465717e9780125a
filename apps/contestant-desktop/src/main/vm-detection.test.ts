import { describe, expect, it } from 'vitest';
import { cpuinfoHasHypervisorFlag, detectLinuxVirtualMachine, detectMacVirtualMachine, detectWindowsVirtualMachine } from './vm-detection';

const CPUINFO_VM = `processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) CPU
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm
bogomips\t: 4800.00
`;
const CPUINFO_METAL = `processor\t: 0
vendor_id\t: AuthenticAMD
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov svm extapic
bugs\t\t: sysret_ss_attrs hypervisor_bug_example
`;

describe('detectLinuxVirtualMachine', () => {
  it.each([
    ['VirtualBox', { productName: 'VirtualBox\n', sysVendor: 'innotek GmbH\n', cpuinfo: CPUINFO_VM }, /^VirtualBox \(product_name: VirtualBox\)$/],
    ['VMware', { productName: 'VMware Virtual Platform\n', sysVendor: 'VMware, Inc.\n', cpuinfo: CPUINFO_VM }, /^VMware/],
    ['QEMU/KVM', { productName: 'Standard PC (Q35 + ICH9, 2009)\n', sysVendor: 'QEMU\n', cpuinfo: CPUINFO_VM }, /^QEMU \(sys_vendor: QEMU\)$/],
    ['Hyper-V', { productName: 'Virtual Machine\n', sysVendor: 'Microsoft Corporation\n', cpuinfo: CPUINFO_VM }, /^Hyper-V/],
    ['Xen', { productName: 'HVM domU\n', sysVendor: 'Xen\n', cpuinfo: CPUINFO_VM }, /^Xen/],
    ['Parallels', { productName: 'Parallels Virtual Platform\n', sysVendor: 'Parallels Software International Inc.\n', cpuinfo: null }, /^Parallels/],
    ['a VM with neutral DMI but the CPU flag', { productName: 'To Be Filled By O.E.M.\n', sysVendor: 'To Be Filled By O.E.M.\n', cpuinfo: CPUINFO_VM }, /hypervisor CPU flag/],
    ['a VM with unreadable DMI', { productName: null, sysVendor: null, cpuinfo: CPUINFO_VM }, /hypervisor CPU flag/],
  ])('recognises %s', (_name, facts, expected) => {
    expect(detectLinuxVirtualMachine(facts)).toMatch(expected);
  });

  it.each([
    ['a Dell desktop', { productName: 'OptiPlex 7090\n', sysVendor: 'Dell Inc.\n', cpuinfo: CPUINFO_METAL }],
    ['a Lenovo laptop', { productName: '20XW0026GE\n', sysVendor: 'LENOVO\n', cpuinfo: CPUINFO_METAL }],
    ['nothing readable', { productName: null, sysVendor: null, cpuinfo: null }],
    ['a product name containing "kvm" only inside a word', { productName: 'Skvmaster 3000\n', sysVendor: 'Acme\n', cpuinfo: CPUINFO_METAL }],
  ])('does not flag %s', (_name, facts) => {
    expect(detectLinuxVirtualMachine(facts)).toBeNull();
  });

  it('reads the hypervisor flag only from flags lines', () => {
    expect(cpuinfoHasHypervisorFlag(CPUINFO_METAL)).toBe(false);
    expect(cpuinfoHasHypervisorFlag('model name\t: hypervisor edition\n')).toBe(false);
    expect(cpuinfoHasHypervisorFlag(CPUINFO_VM)).toBe(true);
  });
});

describe('detectWindowsVirtualMachine', () => {
  it.each([
    ['VMware', '{"Manufacturer":"VMware, Inc.","Model":"VMware7,1","HypervisorPresent":true}', /^VMware \(Manufacturer/],
    ['VirtualBox', '{"Manufacturer":"innotek GmbH","Model":"VirtualBox","HypervisorPresent":true}', /^VirtualBox/],
    ['Hyper-V', '{"Manufacturer":"Microsoft Corporation","Model":"Virtual Machine","HypervisorPresent":true}', /^Hyper-V/],
    ['an unknown hypervisor', '{"Manufacturer":"Acme","Model":"Box","HypervisorPresent":true}', /HypervisorPresent/],
  ])('recognises %s', (_name, json, expected) => {
    expect(detectWindowsVirtualMachine(json)).toMatch(expected);
  });

  it.each([
    ['a physical PC', '{"Manufacturer":"HP","Model":"HP EliteDesk 800 G6","HypervisorPresent":false}'],
    ['garbage', 'Get-CimInstance : access denied'],
    ['null', 'null'],
  ])('does not flag %s', (_name, json) => {
    expect(detectWindowsVirtualMachine(json)).toBeNull();
  });
});

describe('detectMacVirtualMachine', () => {
  it('recognises Apple Virtualization, VMware and the hv_vmm_present flag', () => {
    expect(detectMacVirtualMachine({ hvVmmPresent: '1\n', hardwareModel: 'VirtualMac2,1\n' })).toMatch(/^Apple Virtualization/);
    expect(detectMacVirtualMachine({ hvVmmPresent: '1\n', hardwareModel: 'VMware7,1\n' })).toMatch(/^VMware/);
    expect(detectMacVirtualMachine({ hvVmmPresent: '1\n', hardwareModel: 'MacBookPro18,3\n' })).toMatch(/kern.hv_vmm_present/);
  });

  it('does not flag a real Mac or missing facts', () => {
    expect(detectMacVirtualMachine({ hvVmmPresent: '0\n', hardwareModel: 'Mac14,2\n' })).toBeNull();
    expect(detectMacVirtualMachine({ hvVmmPresent: null, hardwareModel: null })).toBeNull();
  });
});
