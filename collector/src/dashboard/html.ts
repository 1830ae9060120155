/**
 * HTML escaping and the page frame shared by the dashboard pages. Everything interpolated goes through `escapeHtml`.
 */
import { FONT_LINKS } from './fonts.js';
import type { Lang } from './i18n.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Korean and Japanese need a CJK font: the stack names the usual installed ones on Windows, macOS, Android and
// Linux; where none is installed, the Noto Sans KR / JP web fonts the collector serves (fonts.ts) take over.
const STYLE = `body{font-family:"Noto Sans KR","Noto Sans CJK KR",system-ui,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans JP","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;margin:0;color:#212121;background:#fafafa}
:lang(ja){font-family:"Noto Sans JP","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,system-ui,"Noto Sans KR",sans-serif}
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#fff;border-bottom:1px solid #e0e0e0}
header h1{font-size:1.1rem;margin:0;flex:1}main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
section{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:1rem;margin:1rem 0}
h2{font-size:1rem;margin:0 0 .5rem}.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem}
.kpi{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:.75rem}.kpi b{display:block;font-size:1.6rem}
.kpi small{color:#616161}.kpi .def{font-size:.8rem;color:#424242;margin:.4rem 0 0}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}label{display:grid;font-size:.85rem;gap:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.35rem;text-align:left;vertical-align:top}
.bad{color:#c62828;font-weight:600}.good{color:#2e7d32}.legend span{display:inline-block;margin-right:1rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}a{color:#1565c0}
pre{white-space:pre-wrap;font-size:.8rem;background:#f5f5f5;padding:.5rem}
button,input,select{font:inherit;max-width:100%;box-sizing:border-box}label{max-width:100%}form:not(.filters) label{display:block}form:not(.filters) input{display:block;width:min(100%,30rem)}main,header{overflow-wrap:anywhere}.chart{overflow-x:auto}.chart svg{min-width:560px}.table{overflow-x:auto}
.bars{list-style:none;margin:0;padding:0;display:grid;gap:.35rem}.bars li{display:grid;grid-template-columns:minmax(6rem,12rem) 1fr auto;gap:.5rem;align-items:center}
.bar{background:#eee;height:1.1rem;display:block}.bar i{display:block;height:100%;background:#1565c0}.bar-value{font-variant-numeric:tabular-nums}
.shown-box{border:1px solid #e0e0e0;border-radius:6px;padding:.5rem .75rem;margin-bottom:.5rem}.shown-button{display:inline-block;border:1px solid #1565c0;border-radius:4px;padding:.15rem .6rem;margin:.1rem}
.shown h4{margin:.3rem 0}.shown-part{color:#616161;font-size:.8rem}
@media (max-width:600px){header{flex-wrap:wrap;padding:.5rem 1rem}main{padding:.5rem .75rem}.bars li{grid-template-columns:1fr auto}.bars .bar{grid-column:1/-1;grid-row:2}
.kpis{grid-template-columns:repeat(auto-fit,minmax(140px,1fr))}section{padding:.75rem}}`;

export function page(lang: Lang, title: string, header: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>${FONT_LINKS}<style>${STYLE}</style></head><body><header>${header}</header><main>${body}</main></body></html>`;
}
