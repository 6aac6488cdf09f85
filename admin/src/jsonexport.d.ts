// jsonexport 3 ships no types; the part of its API the console uses (the same build ra-core's exporter imports).
declare module 'jsonexport/dist/index.js' {
  interface Options {
    headers?: string[];
    includeHeaders?: boolean;
    endOfLine?: string;
    rowDelimiter?: string;
    forceTextDelimiter?: boolean;
  }
  function jsonexport(json: object[], options?: Options): Promise<string>;
  export default jsonexport;
}
