// The practice server has no real tokenizer. It counts a word (with its leading space) or a punctuation mark as
// one token, which is close to what BPE tokenizers do with plain English of common words.

const TOKEN = /\s*[\p{L}\p{N}]+|\s*[^\s\p{L}\p{N}]/gu;

export function countTokens(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

/** Tokens a chat template adds around each message (role markers), and to open the reply; typical of ChatML. */
export const CHAT_TOKENS_PER_MESSAGE = 5;
export const CHAT_TOKENS_FOR_REPLY = 3;

const FILLER = (
  'the of and to in is that for it as with was on be at by this had not are but from or have an they which one ' +
  'you were her all she there would their we him been has when who will more no if out so said what up its about ' +
  'into than them can only other new some could time these two may then do first any my now such like our over'
).split(' ');

/** The i-th token of a request's made-up reply: words from a fixed list, varied by the request. */
export function fillerToken(requestId: number, i: number): string {
  return ` ${FILLER[(requestId * 31 + i * 7) % FILLER.length]}`;
}
