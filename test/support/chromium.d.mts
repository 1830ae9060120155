export interface ResolvedChromium {
  executablePath: string;
  args: string[];
  source: string;
}
export function resolveChromium(): Promise<ResolvedChromium>;
export function chromiumForRunners(): ResolvedChromium;
