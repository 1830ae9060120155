// Builds elements by hand for the banner, which is on every first visit's path: a template library
// there costs more bytes and main-thread time than the dozen elements it makes. Texts go in as text
// nodes, never parsed as HTML.

type Attributes = Record<string, string | ((event: Event) => void) | undefined>;
type Child = Node | string | false | null | undefined;

/** An element with its attributes (an `on…` function becomes a listener; undefined is left out) and children (false and null are left out). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value !== undefined) element.setAttribute(name, value);
  }
  element.append(...children.filter((child): child is Node | string => child !== false && child != null));
  return element;
}
