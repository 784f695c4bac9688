import { RAG_PALETTE } from '../../contract/palette';

/**
 * The site's one stylesheet. Colours keep at least 4.5:1 contrast on their backgrounds (WCAG 2.1 AA);
 * focus is always visible; nothing depends on JavaScript.
 */
/** Status tags in the app's one palette (contract/palette.ts): the site, the app and the workbooks colour a status alike. */
const RAG_CSS = (Object.entries(RAG_PALETTE) as Array<[string, { text: string; background: string; border: string }]>)
  .map(([rag, c]) => `.rag-${rag}{color:${c.text};background:${c.background};border:1px solid ${c.border}}`)
  .join('\n');

export const SITE_CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.55;color:#1b1f24;background:#fff}
a{color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
a:hover{color:#06335a}
a:focus-visible,summary:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:#0b3a66;color:#fff;padding:1rem 1.25rem}
header.site a{color:#fff}
header.site .name{font-size:1.15rem;font-weight:700;margin:0 0 .5rem}
header.site .name a{text-decoration:none}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
nav.main a[aria-current="page"]{font-weight:700;text-decoration-thickness:3px}
main{max-width:70rem;margin:0 auto;padding:1.25rem}
footer.site{border-top:1px solid #c9d1d9;margin-top:2rem;padding:1rem 1.25rem;font-size:.95rem;color:#3a434d}
h1{font-size:1.8rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.1rem}
.muted{color:#4a535d}
.crumbs{font-size:.95rem;margin:0 0 .5rem}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#4a535d}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #d8dee4;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl.facts{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.35rem 1rem;margin:.5rem 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.bar{display:inline-block;width:10rem;max-width:100%;height:.8rem;background:#e4e8ec;border:1px solid #6b7785;border-radius:.4rem;vertical-align:middle;overflow:hidden}
.bar>span{display:block;height:100%;background:#1d6b3a}
.big .bar{width:100%;height:1.4rem}
.tag{display:inline-block;padding:.05rem .5rem;border-radius:.75rem;font-size:.9rem;font-weight:600;border:1px solid currentColor}
${RAG_CSS}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
.cards>li{border:1px solid #c9d1d9;border-radius:.5rem;padding:1rem}
.cards h3{margin-top:0}
.stats{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
.stats li{border:1px solid #c9d1d9;border-radius:.5rem;padding:.75rem 1rem;min-width:10rem}
.stats strong{display:block;font-size:1.6rem}
figure.timeline{margin:1rem 0}
figure.timeline svg{width:100%;height:auto;max-width:60rem;display:block}
figure.timeline figcaption{font-size:.95rem;color:#3a434d}
ul.evidence{padding-left:1.2rem}
@media print{header.site,footer.site,nav.main,.skip{display:none}a{color:#000}}
`;
