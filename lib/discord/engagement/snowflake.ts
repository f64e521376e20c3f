/** Discord snowflakes carry their creation time (ms since the Discord epoch, shifted by 22 bits). */
const DISCORD_EPOCH = 1420070400000n;

export function snowflakeAt(time: Date | number): string {
  const ms = BigInt(typeof time === 'number' ? time : time.getTime());
  return String((ms - DISCORD_EPOCH) << 22n);
}

export function timeOfSnowflake(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
