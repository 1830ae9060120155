// Generates dist/custom-elements.json (the public API of <clinic-consent> and
// <clinic-consent-disclosure>) from the class JSDoc: @summary, @fires, @csspart, @cssproperty, @attr.
export default {
  globs: ['src/ui/clinic-consent/clinic-consent.ts', 'src/ui/disclosure/clinic-consent-disclosure.ts', 'src/ui/events.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // mountUi defines the elements (no customElements.define at module level), so the tag names
      // are attached here, where the manifest cannot infer them.
      name: 'clinic-consent-tag-names',
      packageLinkPhase({ customElementsManifest }) {
        const tags = { ClinicConsentElement: 'clinic-consent', ClinicConsentDisclosureElement: 'clinic-consent-disclosure' };
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            // Events dispatched as `new XEvent()` are seen without a name; the @fires tags name them.
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
            if (tags[declaration.name]) {
              declaration.tagName = tags[declaration.name];
              declaration.customElement = true;
              module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: tags[declaration.name], declaration: { name: declaration.name, module: module.path } }];
            }
          }
        }
      },
    },
  ],
};
