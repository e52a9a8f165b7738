export { type UseLiveQueryOptions, useLiveQuery } from './useLiveQuery';
export {
  type MessageSource,
  type QueryUpdaterOptions,
  useQueryUpdater,
} from './useQueryUpdater';
