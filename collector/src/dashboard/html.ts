/**
 * HTML escaping and the page frame shared by the dashboard pages. Everything interpolated goes through `escapeHtml`.
 */
import type { Lang } from './i18n.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,"Noto Sans KR","Apple SD Gothic Neo",sans-serif;margin:0;color:#212121;background:#fafafa}
:lang(ja){font-family:system-ui,"Noto Sans JP","Hiragino Sans",sans-serif}
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#fff;border-bottom:1px solid #e0e0e0}
header h1{font-size:1.1rem;margin:0;flex:1}main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
section{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:1rem;margin:1rem 0}
h2{font-size:1rem;margin:0 0 .5rem}.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem}
.kpi{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:.75rem}.kpi b{display:block;font-size:1.6rem}
.kpi small{color:#616161}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}label{display:grid;font-size:.85rem;gap:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.35rem;text-align:left;vertical-align:top}
.bad{color:#c62828;font-weight:600}.good{color:#2e7d32}.legend span{display:inline-block;margin-right:1rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}a{color:#1565c0}
pre{white-space:pre-wrap;font-size:.8rem;background:#f5f5f5;padding:.5rem}`;

export function page(lang: Lang, title: string, header: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><header>${header}</header><main>${body}</main></body></html>`;
}
