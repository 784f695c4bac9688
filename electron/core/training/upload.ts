/** An .xlsx (or .ods) starts like every zip archive: `PK\x03\x04`. */
export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
