// @ts-check
import { existsSync } from 'node:fs';
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { monacoCssInline } from './src/build/monaco-css-plugin.ts';
import { buildSidebar } from './src/course/sidebar.ts';

// A chapter joins the sidebar (in outline order) by existing: content/docs/<slug>.mdx or <slug>/index.mdx.
/** @param {string} slug */
const pageExists = (slug) =>
  ['.md', '.mdx', '/index.md', '/index.mdx'].some((ext) => existsSync(`./content/docs/${slug}${ext}`));

export default defineConfig({
  site: 'https://goodput.dev',
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; math needs the unified one.
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
  },
  vite: {
    plugins: [monacoCssInline()],
    worker: { format: 'es' },
  },
  integrations: [
    starlight({
      title: 'Goodput',
      description: 'A hands-on course in LLM inference engineering.',
      logo: { src: './public/favicon.svg', replacesTitle: false },
      customCss: ['katex/dist/katex.min.css', './src/styles/course.css'],
      markdown: { processedDirs: ['./content/docs'] },
      sidebar: buildSidebar(pageExists),
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
});
