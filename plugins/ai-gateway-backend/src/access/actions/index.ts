export {
  registerAccessActions,
  type AccessActionsDeps,
} from './registerAccessActions';
