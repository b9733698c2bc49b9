// Checks on rendered pages shared by the report's tests: tag balance, and the markup of one section or chart.

/** Every element the page opens is closed, in order (void elements aside). */
export function unbalancedTags(html: string): string[] {
  const voids = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
  const stack: string[] = [];
  const problems: string[] = [];
  const markup = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  for (const [, closing, name, selfClosing] of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(\/?)>/g)) {
    const tag = name!.toLowerCase();
    if (voids.has(tag) || selfClosing) continue;
    if (!closing) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}>`);
  }
  return [...problems, ...stack.map((tag) => `<${tag}> never closed`)];
}

/** The markup of the <section> whose <h2> is `title` (sections do not nest). */
export function section(html: string, title: string): string {
  const start = html.indexOf(`<section><h2>${title}</h2>`);
  if (start === -1) throw new Error(`no section "${title}"`);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

export const count = (html: string, pattern: RegExp): number => html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** The captions of the charts in `html`, in order, tags stripped. */
export function chartTitles(html: string): string[] {
  return [...html.matchAll(/<figcaption>(.*?)<\/figcaption>/g)].map(([, caption]) => caption!.replace(/<span class="pill[\s\S]*$/, ''));
}

/** The names of every attribute of every tag, values (which may hold escaped text such as "src=") left out. */
export function attributeNames(html: string): string[] {
  const tags = html.match(/<[a-zA-Z][^<>]*>/g) ?? [];
  return tags.flatMap((tag) => [...tag.replace(/"[^"]*"/g, '""').matchAll(/\s([a-zA-Z:-]+)=/g)].map(([, name]) => name!.toLowerCase()));
}
