// robots.txt as the scanner reads it (RFC 9309): the group naming our product token, else the `*`
// group; the longest matching rule wins, Allow over Disallow on a tie; `*` and a final `$` work as
// in the RFC. A missing or unreadable robots.txt allows everything, as crawlers agree.

type Rule = readonly [allow: boolean, pattern: RegExp, length: number];

const toRegex = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^{}()|[\]\\]|\$(?!$)/g, '\\$&').replace(/\*/g, '.*')}`);

/** Percent-encodes what is not already encoded, so "/예약" in robots.txt matches "/%EC%98%88%EC%95%BD". */
const normalize = (path: string) => {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return path;
  }
};

/** The rules of `text` that apply to `agent` (a product token such as "ClinicConsentScanner"). */
export function robotsRules(text: string, agent: string): (path: string) => boolean {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || current.rules.length) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
    } else if ((key === 'allow' || key === 'disallow') && current && value) {
      const path = normalize(value);
      current.rules.push([key === 'allow', toRegex(path), path.length]);
    }
  }
  const token = agent.toLowerCase();
  const named = groups.filter((group) => group.agents.some((name) => name !== '*' && token.startsWith(name)));
  const chosen = named.length ? named : groups.filter((group) => group.agents.includes('*'));
  const rules = chosen.flatMap((group) => group.rules);
  return (path) => {
    const target = normalize(path);
    let best: Rule | undefined;
    for (const rule of rules) {
      if (!rule[1].test(target)) continue;
      if (!best || rule[2] > best[2] || (rule[2] === best[2] && rule[0])) best = rule;
    }
    return best ? best[0] : true;
  };
}
