/**
 * `@tidings/core/binding`: the plumbing a framework binding is built from, kept off the root entry
 * so that an app's import of `@tidings/core` is only the API it uses. `@tidings/react`,
 * `@tidings/vue` and the TanStack Query bridges import from here: splitting options into the
 * wire's and the consumer's, keeping callbacks current without reconnecting, the badge's text and
 * styles, and applying channel messages to a query cache.
 */
export { type BadgeInput, type BadgeView, badgeStyles, describeBadge } from './badge';
export type { AnyChannel, BindableChannel, RawOf } from './bindableChannel';
export {
  bindLatest,
  consumerOptionKeys,
  LATEST,
  latest,
  readOnceOptionKeys,
  type SplitOptions,
  splitOptions,
  transportConsumerOptionKeys,
  wireIdentity,
} from './bindingOptions';
export { watchIdentityChurn } from './identityChurn';
export {
  applyQueryMessage,
  invalidateAfterReset,
  type QueryClientLike,
  type QueryMessageEffect,
  type ResetSource,
  watchResets,
} from './queryMessage';
export { isUrlGetterSource } from './transports/common/urlGetter';
export { warnUnshownConfigError } from './unshownConfigError';
export { resetWarnings, warnOnce } from './warnOnce';
export { identityKey } from './wireKey';
