// The part of autocannon's API bench/auth.ts uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Options { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; connections?: number; duration?: number }
    interface Result { requests: { average: number }; non2xx: number; errors: number }
  }
  function autocannon(opts: autocannon.Options, cb: (err: Error | null, result: autocannon.Result) => void): unknown;
  export default autocannon;
}
