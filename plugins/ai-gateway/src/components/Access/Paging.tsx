import { useState } from 'react';
import TablePagination from '@mui/material/TablePagination';

/** One page of rows and the pager under the table (shown only when there is more than one page). */
export function usePaging<T>(rows: T[], pageSize = 25) {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(pageSize);
  const last = Math.max(0, Math.ceil(rows.length / size) - 1);
  const current = Math.min(page, last);
  const pager =
    rows.length > pageSize ? (
      <TablePagination
        component="div"
        count={rows.length}
        page={current}
        rowsPerPage={size}
        rowsPerPageOptions={[pageSize, pageSize * 4]}
        onPageChange={(_, p) => setPage(p)}
        onRowsPerPageChange={e => {
          setSize(Number(e.target.value));
          setPage(0);
        }}
      />
    ) : null;
  return { rows: rows.slice(current * size, (current + 1) * size), pager };
}
