import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';

export const DEFAULT_DISCORD_API_BASE = 'https://discord.com/api/v10';

/** Discord settings from lib/env.ts; each getter throws NOT_CONFIGURED naming what is missing. */
export function discordApiBase(): string {
  return (env().raw.DISCORD_API_BASE ?? DEFAULT_DISCORD_API_BASE).replace(/\/+$/, '');
}

export function discordPublicKey(): string {
  const key = env().raw.DISCORD_PUBLIC_KEY;
  if (!key) throw new AppError('NOT_CONFIGURED', 'Discord is not configured: DISCORD_PUBLIC_KEY is not set');
  return key;
}

export function discordBotToken(): string {
  const token = env().raw.DISCORD_BOT_TOKEN;
  if (!token) throw new AppError('NOT_CONFIGURED', 'Discord is not configured: DISCORD_BOT_TOKEN is not set');
  return token;
}

export function discordApplicationId(): string {
  const id = env().raw.DISCORD_APPLICATION_ID;
  if (!id)
    throw new AppError('NOT_CONFIGURED', 'Discord is not configured: DISCORD_APPLICATION_ID is not set');
  return id;
}
