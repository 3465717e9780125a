/**
 * Recognising a virtual machine from what the OS reports about the hardware. Pure: the probes
 * (vm-probe.ts) read the files/commands and hand their text here. A VM that hides itself
 * (patched DMI strings, no hypervisor CPUID bit) is not detected — this is a signal for the
 * proctor, not a proof.
 */

/** Vendor/product strings of common hypervisors, as they appear in DMI / SMBIOS / WMI. */
const KNOWN_VM_PATTERNS: [RegExp, string][] = [
  [/virtualbox|innotek/i, 'VirtualBox'],
  [/vmware/i, 'VMware'],
  [/\bkvm\b/i, 'KVM'],
  [/\bqemu\b/i, 'QEMU'],
  [/microsoft corporation.*virtual machine|^virtual machine$|hyper-v/i, 'Hyper-V'],
  [/\bxen\b|hvm domu/i, 'Xen'],
  [/parallels/i, 'Parallels'],
  [/bochs/i, 'Bochs'],
  [/bhyve/i, 'bhyve'],
  [/amazon ec2/i, 'Amazon EC2'],
  [/google compute engine/i, 'Google Compute Engine'],
  [/openstack/i, 'OpenStack'],
  [/utm|apple virtualization/i, 'Apple Virtualization / UTM'],
];

/** Names the hypervisor a DMI/SMBIOS string points to, or null. */
export function hypervisorFromVendorString(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  for (const [pattern, name] of KNOWN_VM_PATTERNS) if (pattern.test(trimmed)) return name;
  return null;
}

/** True when /proc/cpuinfo's `flags` lines include `hypervisor` (the CPUID bit every mainstream hypervisor sets). */
export function cpuinfoHasHypervisorFlag(cpuinfo: string): boolean {
  return cpuinfo.split('\n').some((line) => /^flags\s*:/.test(line) && /(?:^|\s)hypervisor(?:\s|$)/.test(line.slice(line.indexOf(':') + 1)));
}

/** The Linux facts: `/sys/class/dmi/id/{product_name,sys_vendor}` and `/proc/cpuinfo` (null = unreadable). */
export interface LinuxVmFacts {
  productName: string | null;
  sysVendor: string | null;
  cpuinfo: string | null;
}

/**
 * Linux: a known hypervisor in the DMI product or vendor, else the CPU's hypervisor flag.
 * Returns a short human text for the proctor ("VirtualBox (sys_vendor: innotek GmbH)") or null.
 */
export function detectLinuxVirtualMachine(facts: LinuxVmFacts): string | null {
  for (const [field, value] of [['product_name', facts.productName], ['sys_vendor', facts.sysVendor]] as const) {
    if (value === null) continue;
    const name = hypervisorFromVendorString(value);
    if (name !== null) return `${name} (${field}: ${value.trim()})`;
  }
  if (facts.cpuinfo !== null && cpuinfoHasHypervisorFlag(facts.cpuinfo)) return 'hypervisor CPU flag set (/proc/cpuinfo)';
  return null;
}

/**
 * Windows: `Win32_ComputerSystem` Manufacturer and Model plus `HypervisorPresent`, as the JSON
 * PowerShell's `ConvertTo-Json` prints. Unparsable output gives null (no signal, not a VM claim).
 */
export function detectWindowsVirtualMachine(computerSystemJson: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(computerSystemJson);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  for (const field of ['Manufacturer', 'Model'] as const) {
    const name = hypervisorFromVendorString(text(record[field]));
    if (name !== null) return `${name} (${field}: ${text(record[field]).trim()})`;
  }
  // HypervisorPresent is also true on a physical PC with Hyper-V/VBS/WSL2 enabled, so it is reported as such.
  if (record['HypervisorPresent'] === true) return 'a hypervisor is running (Win32_ComputerSystem.HypervisorPresent; also true with Hyper-V, WSL2 or VBS on a real PC)';
  return null;
}

/**
 * macOS: `sysctl -n kern.hv_vmm_present` prints 1 inside a VM (Apple Virtualization, Parallels,
 * VMware, UTM); `hw.model` names e.g. `VMware7,1` or `VirtualMac2,1`.
 */
export function detectMacVirtualMachine(facts: { hvVmmPresent: string | null; hardwareModel: string | null }): string | null {
  const model = facts.hardwareModel?.trim() ?? '';
  if (/^VirtualMac/i.test(model)) return `Apple Virtualization (hw.model: ${model})`;
  const name = hypervisorFromVendorString(model);
  if (name !== null) return `${name} (hw.model: ${model})`;
  if (facts.hvVmmPresent?.trim() === '1') return 'running under a hypervisor (kern.hv_vmm_present = 1)';
  return null;
}
