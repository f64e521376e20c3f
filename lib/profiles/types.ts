import type { Role } from '@/lib/auth/schemas';

export interface Profile {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  role: Role;
  is_banned: boolean;
  created_at: Date;
  updated_at: Date;
}
