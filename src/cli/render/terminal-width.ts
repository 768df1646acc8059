/**
 * How wide rendered output may be, decided the way the original tool's console (Python
 * rich) decides: `COLUMNS` when it is set to a number, else the terminal's width when
 * the output is a terminal (80 when the terminal reports none). Unlike rich, which
 * assumes 80 columns when no stream is a terminal, output to a pipe or a file keeps its
 * natural width (undefined here): a script that reads `list`, or a revealed key copied
 * from a file, is never folded at an arbitrary column.
 */
export function renderWidth(output: { readonly isTTY: boolean; readonly columns: number | undefined }, env: NodeJS.ProcessEnv): number | undefined {
  const columns = env.COLUMNS;
  if (columns !== undefined && /^\d+$/.test(columns) && Number(columns) > 0) return Number(columns);
  if (!output.isTTY) return undefined;
  return output.columns || 80;
}
