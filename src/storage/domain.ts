// The registrable domain of a host, so the choice cookie is shared across www. and m. (choice-storage.ts);
// the blockers use it too, to find a tracker's cookie on every parent domain (blockers/cookies.ts).
// Imports nothing.

// Second-level labels under which clinics' sites commonly register (Korea, Japan, China, Taiwan,
// UK and others). Not the whole Public Suffix List: a host under a suffix missing here keeps its
// cookies host-only, which is the safe direction. Extend it when a clinic needs another.
const multiPartSuffixes = new Set(
  (
    'co.kr or.kr ne.kr re.kr pe.kr go.kr ac.kr hs.kr ms.kr es.kr sc.kr kg.kr seoul.kr busan.kr ' +
    'co.jp or.jp ne.jp ac.jp ad.jp ed.jp go.jp gr.jp lg.jp ' +
    'com.cn net.cn org.cn gov.cn com.tw org.tw net.tw com.hk org.hk co.th or.th ' +
    'com.sg com.my com.vn com.ph co.id co.uk org.uk ac.uk com.au net.au org.au co.nz com.br com.mx'
  ).split(' '),
);

const isIpAddress = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** The registrable domain ("clinic.co.kr" for "m.clinic.co.kr"), or null for IPs and single labels. */
export function registrableDomain(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isIpAddress(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2) return null;
  const suffixLength = multiPartSuffixes.has(labels.slice(-2).join('.')) ? 2 : 1;
  if (labels.length <= suffixLength) return null;
  return labels.slice(-(suffixLength + 1)).join('.');
}
