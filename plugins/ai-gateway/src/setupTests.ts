import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// lazy extensions + async queries can take more than the default 1 s on a loaded CI machine
configure({ asyncUtilTimeout: 10_000 });
