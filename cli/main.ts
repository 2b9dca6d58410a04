export async function main(argv: string[]): Promise<number> { console.log('ipabs', argv.join(' ')); return 0; }
