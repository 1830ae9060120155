// The one decision every guard asks: may this tracker entry run now? Read live on each call, so a
// withdrawal in this or another tab silences running trackers at once. Fails closed for catalog
// matches and open for everything else (the page's own and unknown requests are never touched).
import type { ResolvedConfig } from '../../config/types.js';
import { sensitiveMatcher } from '../sensitive.js';
import type { TrackerEntry, TrackingConfig } from '../../config/tracking.js';
import { createMatcher } from './match.js';
import type { Matcher } from './match.js';

export interface PolicyContext {
  readonly config: ResolvedConfig;
  readonly tracking: TrackingConfig;
  isGranted(category: string, service?: string): boolean;
}

export interface Policy {
  readonly match: Matcher;
  /** Whether the entry may run now. */
  allows(entry: TrackerEntry): boolean;
  /** The entry that blocks this URL now, if any. */
  blocks(url: unknown): TrackerEntry | undefined;
  /** Categories that have had a tracker run in this page (for reload-on-withdraw). */
  readonly ran: Set<string>;
}

export function createPolicy(context: PolicyContext, pathname = () => location.pathname, base = () => document.baseURI): Policy {
  const { config, tracking } = context;
  const match = createMatcher(tracking.entries);
  const sensitive = sensitiveMatcher(tracking.sensitivePaths);
  // A service is asked about by id only when the clinic's config declares it in that category.
  const declared = new Set(config.categories.flatMap((category) => category.services.map((service) => `${category.id}:${service.id}`)));
  // Advanced Consent Mode needs the loader's gtag defaults; without them Google tags stay blocked.
  const advanced = tracking.googleMode === 'advanced' && config.consentMode.enabled;
  const ran = new Set<string>();

  const allows = (entry: TrackerEntry): boolean => {
    try {
      if (entry.category === 'necessary') return true;
      if (sensitive(pathname()) || (entry.replay && tracking.sessionReplay === 'off')) return false;
      const yes =
        (entry.google && advanced) ||
        context.isGranted(entry.category, declared.has(`${entry.category}:${entry.service}`) ? entry.service : undefined);
      if (yes) ran.add(entry.category);
      return yes;
    } catch {
      return false;
    }
  };

  const blocks = (url: unknown): TrackerEntry | undefined => {
    let entry: TrackerEntry | undefined;
    try {
      // As the URL parser does: tabs and newlines vanish, outer spaces and controls are trimmed.
      let text = typeof url === 'string' ? url : String((url as { url?: string } | null)?.url ?? url);
      if (/^[\0- ]|[\t\n\r]/.test(text)) text = text.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+/, '');
      // Without a scheme or a leading "//" (or "\\") a URL is relative: the page's own, no lookup.
      if (!/^([a-z][\w+.-]*:|[\\/]{2})/i.test(text)) return undefined;
      // The common spelling is read directly; anything the URL parser would rewrite (percent
      // escapes, non-ASCII or odd hosts, dot segments, backslashes, other schemes) goes through it.
      const plain = /^(?:https?:)?\/\/([a-z0-9.-]+)(?::\d*)?([/?][^#]*)?(?:#|$)/i.exec(text);
      const path = plain?.[2] || '/';
      if (plain && !/\\|\/\.|%2e/i.test(path.split('?')[0] as string) && !/[^!-~]/.test(path)) entry = match.at(plain[1] as string, path);
      else {
        const parsed = new URL(text, base());
        entry = match.at(parsed.hostname, parsed.pathname + parsed.search);
      }
    } catch {
      return undefined;
    }
    return entry && !allows(entry) ? entry : undefined;
  };

  return { match, allows, blocks, ran };
}
