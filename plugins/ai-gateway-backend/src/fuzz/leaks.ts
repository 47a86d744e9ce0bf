/** The fuzzer's second assertion besides "no 5xx": no answer carries a secret. */
/** Every Secret value the run writes: no answer may contain it. */
export const SECRET_VALUE = 'fuzz-secret-value-5e1d';
/** The shape of an access key (`agw_` + 32 random bytes, base64url). */
const ACCESS_KEY = /agw_[A-Za-z0-9_-]{43}/;

/** Why an answer leaks a secret, or undefined. Only the claim / rotate answer may hold a key, in its `key` field. */
export function secretLeak(
  operationId: string,
  status: number,
  text: string,
): string | undefined {
  if (text.includes(SECRET_VALUE)) return 'a Secret value written by the run';
  let rest = text;
  if (
    status === 200 &&
    (operationId === 'claimAccessKey' || operationId === 'rotateAccessKey')
  ) {
    try {
      const { key: _key, ...others } = JSON.parse(text);
      rest = JSON.stringify(others);
    } catch {
      return 'an unparsable key answer';
    }
  }
  return ACCESS_KEY.test(rest) ? 'an access key' : undefined;
}
