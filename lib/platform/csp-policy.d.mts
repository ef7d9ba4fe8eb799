export function buildPolicy(sources: { scripts: string[]; styles: string[]; dev: boolean; https: boolean }): string;
export function hashedPolicy(html: string, options: { https: boolean }): string;
