import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { detectLinuxVirtualMachine, detectMacVirtualMachine, detectWindowsVirtualMachine } from './vm-detection';

const COMMAND_TIMEOUT_MS = 5000;

/**
 * Looks for signs of a virtual machine on this OS (see vm-detection.ts for what each OS
 * checks). Resolves with a short description, or null when nothing points to a VM or the
 * facts could not be read; never rejects.
 */
export async function probeVirtualMachine(platform: NodeJS.Platform = process.platform): Promise<string | null> {
  try {
    if (platform === 'linux') {
      const [productName, sysVendor, cpuinfo] = await Promise.all([
        readText('/sys/class/dmi/id/product_name'),
        readText('/sys/class/dmi/id/sys_vendor'),
        readText('/proc/cpuinfo'),
      ]);
      return detectLinuxVirtualMachine({ productName, sysVendor, cpuinfo });
    }
    if (platform === 'win32') {
      const json = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command',
        'Get-CimInstance Win32_ComputerSystem | Select-Object Manufacturer,Model,HypervisorPresent | ConvertTo-Json -Compress']);
      return json === null ? null : detectWindowsVirtualMachine(json);
    }
    if (platform === 'darwin') {
      const [hvVmmPresent, hardwareModel] = await Promise.all([run('/usr/sbin/sysctl', ['-n', 'kern.hv_vmm_present']), run('/usr/sbin/sysctl', ['-n', 'hw.model'])]);
      return detectMacVirtualMachine({ hvVmmPresent, hardwareModel });
    }
    return null;
  } catch {
    return null;
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: COMMAND_TIMEOUT_MS, windowsHide: true }, (err, stdout) => resolve(err ? null : String(stdout)));
  });
}
