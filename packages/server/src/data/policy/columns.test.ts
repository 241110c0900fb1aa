import { describe, expect, it } from 'vitest';
import { referencedColumns } from './columns';
import { parsePolicy } from './parser';

describe('referencedColumns', () => {
  const cases: { given: string; want: string[] }[] = [
    { given: 'true', want: [] },
    { given: "auth.role() = 'admin'", want: [] },
    { given: 'owner_id = auth.uid()', want: ['owner_id'] },
    { given: 'a = b and b = c', want: ['a', 'b', 'c'] },
    { given: 'z = 1 or a = 2 or z = 3', want: ['z', 'a'] },
    { given: 'status in (other, auth.uid(), third)', want: ['status', 'other', 'third'] },
    { given: 'not (deleted_at is not null)', want: ['deleted_at'] },
    { given: 'A = 1 and a = 2', want: ['A', 'a'] },
    { given: "auth = 'x' and uid = 1", want: ['auth', 'uid'] },
    {
      given: "(is_public = true or owner_id = auth.uid()) and not (status in ('x') and deleted_at is null)",
      want: ['is_public', 'owner_id', 'status', 'deleted_at'],
    },
  ];
  it.each(cases)('lists the columns of $given', ({ given, want }) => {
    expect(referencedColumns(parsePolicy(given))).toEqual(want);
  });
});
