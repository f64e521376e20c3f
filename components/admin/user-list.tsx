import { Download } from 'lucide-react';
import Link from 'next/link';
import { UserActions } from '@/components/admin/user-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { FoundUser } from '@/lib/admin/find-users';
import { ROLES, type Role } from '@/lib/auth/schemas';
import type { Page } from '@/lib/db/page';

/** The search form and CSV link of an admin user list (the overview's and /admin/users'). */
export function UserFilters(props: {
  action: string;
  idPrefix: string;
  q: string;
  role: Role | undefined;
  label: string;
  placeholder: string;
  inputClassName: string;
  maxLength?: number;
  submitLabel: string;
  csvHref: string;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <form className="flex flex-wrap items-end gap-2" action={props.action}>
        <label className="sr-only" htmlFor={`${props.idPrefix}-q`}>
          {props.label}
        </label>
        <Input
          id={`${props.idPrefix}-q`}
          name="q"
          defaultValue={props.q}
          placeholder={props.placeholder}
          className={props.inputClassName}
          maxLength={props.maxLength}
        />
        <label className="sr-only" htmlFor={`${props.idPrefix}-role`}>
          Filter by role
        </label>
        <NativeSelect
          id={`${props.idPrefix}-role`}
          name="role"
          defaultValue={props.role ?? ''}
          wrapperClassName="w-36"
        >
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" variant="secondary">
          {props.submitLabel}
        </Button>
      </form>
      <Button asChild variant="outline">
        <a href={props.csvHref} download>
          <Download aria-hidden /> Export CSV
        </a>
      </Button>
    </div>
  );
}

/**
 * The users table with actions and pagination. `detailed` adds email and Discord columns and links each
 * name to the user's admin page (/admin/users); the overview shows the short form.
 */
export function UserList(props: {
  users: Page<FoundUser>;
  viewerId: string;
  hrefFor: (page: number) => string;
  emptyHint: string;
  detailed?: boolean;
}) {
  const { users, detailed } = props;
  return (
    <>
      {users.items.length === 0 ? (
        <EmptyState title="No users match" description={props.emptyHint} />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              {detailed ? (
                <>
                  <TableHead className="hidden lg:table-cell">Email</TableHead>
                  <TableHead className="hidden md:table-cell">Discord</TableHead>
                </>
              ) : null}
              <TableHead className="hidden sm:table-cell">Role</TableHead>
              <TableHead className="hidden sm:table-cell">Status</TableHead>
              <TableHead className={detailed ? 'hidden xl:table-cell' : 'hidden md:table-cell'}>
                Joined
              </TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.items.map((u) => (
              <TableRow key={u.id} data-testid={`user-row-${u.username}`}>
                <TableCell>
                  {detailed ? (
                    <Link href={`/admin/users/${u.id}`} className="font-medium text-primary hover:underline">
                      {u.display_name}
                    </Link>
                  ) : (
                    <div className="font-medium">{u.display_name}</div>
                  )}
                  <div className="text-xs text-muted-foreground">@{u.username}</div>
                </TableCell>
                {detailed ? (
                  <>
                    <TableCell className="hidden text-sm lg:table-cell">{u.email ?? '—'}</TableCell>
                    <TableCell className="hidden text-sm md:table-cell">
                      {u.discord_username ? (
                        <>
                          {u.discord_username}
                          <div className="font-mono text-xs text-muted-foreground">{u.discord_user_id}</div>
                        </>
                      ) : (
                        <span className="text-muted-foreground">Not linked</span>
                      )}
                    </TableCell>
                  </>
                ) : null}
                <TableCell className="hidden sm:table-cell">
                  <Badge variant="secondary" className="capitalize">
                    {u.role}
                  </Badge>
                </TableCell>
                <TableCell className="hidden sm:table-cell">
                  {u.is_banned ? (
                    <Badge variant="destructive">Banned</Badge>
                  ) : (
                    <Badge variant="success">Active</Badge>
                  )}
                </TableCell>
                <TableCell className={detailed ? 'hidden xl:table-cell' : 'hidden md:table-cell'}>
                  <LocalTime value={u.created_at} mode="date" />
                </TableCell>
                <TableCell className="text-right">
                  <UserActions user={u} isSelf={u.id === props.viewerId} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {users.pageCount > 1 ? (
        <div className="mt-4">
          <Pagination page={users.page} pageCount={users.pageCount} hrefFor={props.hrefFor} />
        </div>
      ) : null}
    </>
  );
}
