/** "Sklepy / Kraków": the API's path, with the folder's own name added when the path stops at its parent. */
export function folderLabel(folder: { name: string; path?: readonly string[] | undefined }): string {
  const path = folder.path ?? [];
  const full = path[path.length - 1] === folder.name ? path : [...path, folder.name];
  return full.join(' / ');
}
