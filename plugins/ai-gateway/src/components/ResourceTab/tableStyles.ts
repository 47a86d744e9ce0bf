import type { Theme } from '@mui/material/styles';

/**
 * The resource table's body is plain `tr` / `td` / `span` elements carrying these class names, styled once by the
 * table (one emotion class for the whole table) instead of MUI `TableRow` / `TableCell` / `Chip` / `Typography` per
 * cell: a virtualized table mounts ~10 rows per scroll frame, and each MUI element costs its own style resolution,
 * hooks and context reads. The rules mirror MUI's small table cell, body2 text, outlined / filled small chips and
 * the button link.
 */
export const CLASSES = {
  row: 'agw-row',
  clickable: 'agw-row-clickable',
  cell: 'agw-cell',
  nowrap: 'agw-nowrap',
  text: 'agw-text',
  secondary: 'agw-text-secondary',
  link: 'agw-link',
  flex: 'agw-flex',
  chip: 'agw-chip',
  longLine: 'ai-gateway-long-line',
} as const;

export type ChipColor = 'default' | 'success' | 'error' | 'warning' | 'info';

/** The class names of a small chip (`agw-chip agw-chip-colorError agw-chip-outlined`). */
export function chipClass(color: ChipColor, outlined: boolean): string {
  const c = `${CLASSES.chip}-color${color[0].toUpperCase()}${color.slice(1)}`;
  return `${CLASSES.chip} ${c}${outlined ? ` ${CLASSES.chip}-outlined` : ''}`;
}

const COLORS: Exclude<ChipColor, 'default'>[] = [
  'success',
  'error',
  'warning',
  'info',
];

/** The `sx` of the table: MUI's look for the plain elements of the body, and no breaks inside a word. */
export function tableSx(theme: Theme) {
  const { palette } = theme;
  const chips: Record<string, object> = {};
  for (const c of COLORS) {
    chips[`& .${CLASSES.chip}-color${c[0].toUpperCase()}${c.slice(1)}`] = {
      backgroundColor: palette[c].main,
      color: palette[c].contrastText,
    };
    chips[
      `& .${CLASSES.chip}-color${c[0].toUpperCase()}${c.slice(1)}.${
        CLASSES.chip
      }-outlined`
    ] = {
      backgroundColor: 'transparent',
      color: palette[c].main,
      border: `1px solid ${palette[c].main}`,
    };
  }
  return {
    '& .MuiTableCell-root, & .MuiTableCell-root *, & td, & th, & td *, & th *':
      {
        overflowWrap: 'normal',
        wordBreak: 'normal',
        hyphens: 'none',
      },
    [`& .${CLASSES.longLine}, & .${CLASSES.cell} .${CLASSES.longLine}`]: {
      overflowWrap: 'anywhere',
      minWidth: 160,
    },
    [`& .${CLASSES.row}`]: { height: 53 },
    [`& .${CLASSES.row}:hover`]: { backgroundColor: palette.action.hover },
    [`& .${CLASSES.clickable}`]: { cursor: 'pointer' },
    [`& .${CLASSES.cell}`]: {
      ...theme.typography.body2,
      display: 'table-cell',
      verticalAlign: 'inherit',
      textAlign: 'left',
      padding: '6px 16px',
      borderBottom: `1px solid ${palette.divider}`,
      color: palette.text.primary,
    },
    [`& .${CLASSES.nowrap}`]: { whiteSpace: 'nowrap' },
    [`& .${CLASSES.text}`]: { ...theme.typography.body2, margin: 0 },
    [`& .${CLASSES.secondary}`]: { color: palette.text.secondary },
    [`& .${CLASSES.flex}`]: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      flexWrap: 'wrap',
    },
    [`& .${CLASSES.link}`]: {
      ...theme.typography.body2,
      background: 'none',
      border: 0,
      padding: 0,
      margin: 0,
      cursor: 'pointer',
      textAlign: 'left',
      color: palette.primary.main,
      textDecoration: 'none',
      '&:hover, &:focus-visible': { textDecoration: 'underline' },
    },
    [`& .${CLASSES.chip}`]: {
      display: 'inline-flex',
      alignItems: 'center',
      boxSizing: 'border-box',
      height: 24,
      maxWidth: '100%',
      padding: '0 8px',
      borderRadius: 12,
      fontSize: theme.typography.pxToRem(13),
      fontFamily: theme.typography.fontFamily,
      whiteSpace: 'nowrap',
      backgroundColor: palette.action.selected,
      color: palette.text.primary,
      border: '1px solid transparent',
    },
    [`& .${CLASSES.chip}-outlined`]: {
      backgroundColor: 'transparent',
      border: `1px solid ${palette.divider}`,
    },
    ...chips,
  };
}
