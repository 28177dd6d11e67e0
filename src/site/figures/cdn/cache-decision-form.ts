/** The cache decision box's form words in each language (build time only; its client script needs only cache-decision.ts's verdicts). */
import type { Locale } from '../../../course/locale.ts';

/** The form's labels in one language. */
export interface CacheDecisionFormWords {
  examples: string;
  try: string;
  response: string;
  request: string;
  elapsed: string;
  worked: (elapsed: number) => string;
  result: string;
}

const EN: CacheDecisionFormWords = {
  examples: 'Example responses',
  try: 'Try:',
  response: 'Response header fields',
  request: 'A later request’s header fields',
  elapsed: 'Seconds since the response arrived',
  worked: (elapsed) => `Worked example: the response below, asked for again ${elapsed} s after it arrived.`,
  result: 'What the cache does',
};

/** The form's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const CACHE_DECISION_FORM: Record<Locale, CacheDecisionFormWords> = {
  en: EN,
  'zh-cn': {
    examples: '示例响应',
    try: '试试：',
    response: '响应的首部字段',
    request: '后续请求的首部字段',
    elapsed: '响应到达后经过的秒数',
    worked: (elapsed) => `示例：下面这个响应，在到达 ${elapsed} s 后再次被请求。`,
    result: '缓存会怎么做',
  },
};
