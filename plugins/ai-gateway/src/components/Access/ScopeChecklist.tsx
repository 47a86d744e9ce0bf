import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';

export interface ScopeChecklistProps {
  /** `Models` or `Tools` */
  label: string;
  options: string[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** items shown per page (long tool lists are filtered and paged) */
  pageSize?: number;
}

/** Checkboxes for the models or tools of an API; filtered and paged, so 10,000 tools stay usable. */
export function ScopeChecklist(props: ScopeChecklistProps) {
  const { label, options, selected, onChange, pageSize = 20 } = props;
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const chosen = useMemo(() => new Set(selected), [selected]);
  const matching = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? options.filter(o => o.toLowerCase().includes(q)) : options;
  }, [options, filter]);
  const rows = matching.slice(page * pageSize, (page + 1) * pageSize);
  const toggle = (name: string, on: boolean) =>
    onChange(
      on
        ? options.filter(o => chosen.has(o) || o === name)
        : selected.filter(s => s !== name),
    );
  const long = options.length > pageSize;
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <FormLabel component="legend">
        {label} ({selected.length} of {options.length} selected)
      </FormLabel>
      <Box display="flex" gap={1} alignItems="center" my={1}>
        {long && (
          <TextField
            size="small"
            label={`Filter ${label.toLowerCase()}`}
            value={filter}
            onChange={e => {
              setFilter(e.target.value);
              setPage(0);
            }}
          />
        )}
        <Button
          size="small"
          onClick={() => {
            const add = new Set(matching);
            onChange(options.filter(o => chosen.has(o) || add.has(o)));
          }}
        >
          Select all{filter ? ' matching' : ''}
        </Button>
        <Button size="small" onClick={() => onChange([])}>
          Clear
        </Button>
      </Box>
      <FormGroup aria-label={label}>
        {rows.map(name => (
          <FormControlLabel
            key={name}
            label={name}
            control={
              <Checkbox
                size="small"
                checked={chosen.has(name)}
                onChange={e => toggle(name, e.target.checked)}
              />
            }
          />
        ))}
        {rows.length === 0 && `No ${label.toLowerCase()} to choose from.`}
      </FormGroup>
      {long && (
        <TablePagination
          component="div"
          count={matching.length}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[pageSize]}
          onPageChange={(_, p) => setPage(p)}
        />
      )}
    </Box>
  );
}
