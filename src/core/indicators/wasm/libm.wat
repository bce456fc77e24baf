;; log, log10, exp, cosh: the arithmetic of math/libm.ts operation for operation (IEEE double
;; arithmetic is the same in wasm and JavaScript, so the results are identical; the tests compare
;; them bit for bit), two values per step in f64x2 lanes where both take the main path.
;; Each exported loop takes (p, end, d): inputs at byte offsets [p, end), each output 8 bytes at
;; p + d (d = 0: in place). The memory and the tables' byte offset $tab in it are imported
;; (math/libm-wasm.ts: the series heap's memory, or a small one of its own): libm.ts's T at $tab
;; (log entries of 4 doubles at +0, near-1 log entries of 5 at +8192, exp's 2^(j/256) pairs at
;; +18432), the vector constants at $tab + 39424 + 16 i (libm-wasm.ts's VEC_CONSTS; a load's offset
;; is its slot): V8 rebuilds a v128.const on every use inside a loop (3 instructions), a load is one.
;; Why wasm: the high word is an i64 shift away (JavaScript reads it through an Int32Array view),
;; table loads need no per-access checks, 2^k is built from bits instead of loaded, and f64x2.
;; Inputs outside the kernels' range (zero, negative, subnormal, NaN, infinite; |x| >= 708 for exp)
;; go to libm.ts's scalar special-case functions, imported.
;; The scalar constants are libm.ts's, written as hex floats (LN2_HI ... EXP_L_LO, 1/3 ... 1/120).
(module
  (import "env" "logSpecial" (func $logSpecial (param f64) (result f64)))
  (import "env" "log10Special" (func $log10Special (param f64) (result f64)))
  (import "env" "expSpecial" (func $expSpecial (param f64) (result f64)))
  (import "env" "mem" (memory 1 65536 shared))
  ;; byte offset of the tables (T, then the vector constants at +39424) in that memory
  (import "env" "tab" (global $tab i32))

;; the arithmetic of libm.ts logCore: log x for positive normal x off the near-1 range
  (func $logFast (param $x f64) (param $bits i64) (param $hx i32) (result f64)
    (local $tmp i32) (local $e i32) (local $j i32) (local $r f64) (local $r2 f64) (local $k f64)
    (local $w f64) (local $hi f64)
    (local.set $tmp (i32.sub (local.get $hx) (i32.const 1072076800)))
    (local.set $e (i32.shr_s (local.get $tmp) (i32.const 20)))
    (local.set $j (i32.shl (i32.and (i32.shr_s (local.get $tmp) (i32.const 12)) (i32.const 255)) (i32.const 5)))
    (local.set $j (i32.add (local.get $j) (global.get $tab)))
    ;; (z - c) / c with z = x 2^-e built from the bits (exact: a normal result)
    (local.set $r (f64.mul
      (f64.sub
        (f64.reinterpret_i64 (i64.sub (local.get $bits) (i64.shl (i64.extend_i32_s (local.get $e)) (i64.const 52))))
        (f64.load offset=0 (local.get $j)))
      (f64.load offset=8 (local.get $j))))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $k (f64.convert_i32_s (local.get $e)))
    (local.set $w (f64.add (f64.mul (local.get $k) (f64.const 0x1.62e42fefa3800p-1)) (f64.load offset=16 (local.get $j))))
    (local.set $hi (f64.add (local.get $w) (local.get $r)))
    (f64.add (local.get $hi)
      (f64.add
        (f64.add
          (f64.add (f64.sub (local.get $w) (local.get $hi)) (local.get $r))
          (f64.add (f64.mul (local.get $k) (f64.const 0x1.ef35793c76730p-45)) (f64.load offset=24 (local.get $j))))
        (f64.add
          (f64.mul (local.get $r2) (f64.add (f64.const -0.5) (f64.mul (local.get $r) (f64.const 0x1.5555555555555p-2))))
          (f64.mul (f64.mul (local.get $r2) (local.get $r2))
            (f64.add
              (f64.add (f64.const -0.25) (f64.mul (local.get $r) (f64.const 0x1.999999999999ap-3)))
              (f64.mul (local.get $r2) (f64.const -0x1.5555555555555p-3))))))))

  ;; the arithmetic of libm.ts logNear1: log x for x in [1 - 2^-5, 1 + 2^-5), exact r
  (func $logNear1 (param $x f64) (param $hx i32) (result f64)
    (local $j i32) (local $rh f64) (local $rl f64) (local $r f64) (local $r2 f64) (local $r4 f64)
    (local $a f64) (local $s f64) (local $sb f64)
    (local.set $j (i32.add (i32.const 8192) (i32.mul
      (i32.and (i32.shr_s (i32.sub (local.get $hx) (i32.const 1072076800)) (i32.const 12)) (i32.const 255))
      (i32.const 40))))
    (local.set $j (i32.add (local.get $j) (global.get $tab)))
    (local.set $rh (f64.mul (f64.sub (local.get $x) (f64.load offset=0 (local.get $j))) (f64.load offset=8 (local.get $j))))
    (local.set $rl (f64.load offset=32 (local.get $j)))
    (local.set $r (f64.add (local.get $rh) (local.get $rl)))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64.mul (local.get $r2) (local.get $r2)))
    (local.set $a (f64.load offset=16 (local.get $j)))
    (local.set $s (f64.add (local.get $a) (local.get $rh)))
    (local.set $sb (f64.sub (local.get $s) (local.get $a)))
    (f64.add (local.get $s)
      (f64.add
        (f64.add
          (f64.add (f64.sub (local.get $a) (f64.sub (local.get $s) (local.get $sb))) (f64.sub (local.get $rh) (local.get $sb)))
          (f64.load offset=24 (local.get $j)))
        (f64.add (local.get $rl)
          (f64.add
            (f64.add
              (f64.mul (local.get $r2) (f64.add (f64.const -0.5) (f64.mul (local.get $r) (f64.const 0x1.5555555555555p-2))))
              (f64.mul (local.get $r4) (f64.add (f64.const -0.25) (f64.mul (local.get $r) (f64.const 0x1.999999999999ap-3)))))
            (f64.mul (f64.mul (local.get $r4) (local.get $r2))
              (f64.sub
                (f64.add (f64.const -0x1.5555555555555p-3) (f64.mul (local.get $r) (f64.const 0x1.2492492492492p-3)))
                (f64.mul (local.get $r2) (f64.const 0.125)))))))))

  ;; libm.ts log for one value: special inputs, near 1, or logFast
  (func $logOne (param $x f64) (result f64)
    (local $bits i64) (local $hx i32)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (if (result f64) (i32.ge_u (i32.sub (local.get $hx) (i32.const 0x00100000)) (i32.const 0x7fe00000))
      (then (call $logSpecial (local.get $x)))
      (else (if (result f64) (i32.lt_u (i32.sub (local.get $hx) (i32.const 0x3fef0000)) (i32.const 0x18000))
        (then (call $logNear1 (local.get $x) (local.get $hx)))
        (else (call $logFast (local.get $x) (local.get $bits) (local.get $hx)))))))

  ;; libm.ts log10 for one value
  (func $log10One (param $x f64) (result f64)
    (local $bits i64) (local $hx i32) (local $n i32) (local $neg i32) (local $y f64) (local $mb i64) (local $hm i32)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (if (i32.ge_u (i32.sub (local.get $hx) (i32.const 0x00100000)) (i32.const 0x7fe00000))
      (then (return (call $log10Special (local.get $x)))))
    (local.set $n (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023)))
    (local.set $neg (i32.shr_u (local.get $n) (i32.const 31)))
    (local.set $y (f64.convert_i32_s (i32.add (local.get $n) (local.get $neg))))
    ;; m = x 2^-(n + neg): x's mantissa with exponent field 0x3ff - neg
    (local.set $mb (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff))
      (i64.shl (i64.extend_i32_u (i32.sub (i32.const 0x3ff) (local.get $neg))) (i64.const 52))))
    (local.set $hm (i32.wrap_i64 (i64.shr_u (local.get $mb) (i64.const 32))))
    (f64.add
      (f64.add
        (f64.mul (local.get $y) (f64.const 0x1.9fef311f12b36p-42))
        (f64.mul (f64.const 0x1.bcb7b1526e50ep-2)
          (if (result f64) (i32.lt_u (i32.sub (local.get $hm) (i32.const 0x3fef0000)) (i32.const 0x18000))
            (then (call $logNear1 (f64.reinterpret_i64 (local.get $mb)) (local.get $hm)))
            (else (call $logFast (f64.reinterpret_i64 (local.get $mb)) (local.get $mb) (local.get $hm))))))
      (f64.mul (local.get $y) (f64.const 0x1.34413509f6000p-2))))

  ;; [p, end) byte range of the buffer, in place; two values per step, one value for an odd tail
  ;; or a pair where either value needs more than logFast
  (func (export "log") (param $p i32) (param $end i32) (param $d i32)
    (local $v v128) (local $h0 i32) (local $h1 i32)
    (local $t0 i32) (local $t1 i32) (local $ev v128) (local $j0 i32) (local $j1 i32)
    (local $a v128) (local $b v128) (local $r v128) (local $r2 v128) (local $k v128) (local $w v128) (local $hi v128)
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $h0 (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 0 (local.get $v)) (i64.const 32))))
        (local.set $h1 (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 1 (local.get $v)) (i64.const 32))))
        (if (i32.and
              (i32.and
              (i32.lt_u (i32.sub (local.get $h0) (i32.const 0x00100000)) (i32.const 0x7fe00000))
              (i32.ge_u (i32.sub (local.get $h0) (i32.const 0x3fef0000)) (i32.const 0x18000)))
              (i32.and
              (i32.lt_u (i32.sub (local.get $h1) (i32.const 0x00100000)) (i32.const 0x7fe00000))
              (i32.ge_u (i32.sub (local.get $h1) (i32.const 0x3fef0000)) (i32.const 0x18000))))
          (then
            ;; ---- $logFast on both lanes, written out (V8 does not inline wasm calls)
            (local.set $t0 (i32.sub (local.get $h0) (i32.const 1072076800)))
            (local.set $t1 (i32.sub (local.get $h1) (i32.const 1072076800)))
            ;; each lane's exponent e (see libm.ts logCore) plus 1024, as an i64 lane (an unsigned
            ;; shift: V8 has no native 64-bit arithmetic shift); bits - OFF << 32 + 1024 << 52 >= 0
            (local.set $ev (i64x2.shr_u (i64x2.sub (local.get $v) (v128.load offset=39424 (global.get $tab))) (i32.const 52)))
            (local.set $j0 (i32.shl (i32.and (i32.shr_s (local.get $t0) (i32.const 12)) (i32.const 255)) (i32.const 5)))
            (local.set $j0 (i32.add (local.get $j0) (global.get $tab)))
            (local.set $j1 (i32.shl (i32.and (i32.shr_s (local.get $t1) (i32.const 12)) (i32.const 255)) (i32.const 5)))
            (local.set $j1 (i32.add (local.get $j1) (global.get $tab)))
            ;; [c, 1/c] of each lane
            (local.set $a (v128.load (local.get $j0)))
            (local.set $b (v128.load (local.get $j1)))
            (local.set $r (f64x2.mul
              (f64x2.sub
                (i64x2.sub (i64x2.add (local.get $v) (v128.load offset=39440 (global.get $tab))) (i64x2.shl (local.get $ev) (i32.const 52)))
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
            (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
            ;; k = e as a double: the bits of 1.5 * 2^52 + e, less 1.5 * 2^52
            (local.set $k (f64x2.sub (i64x2.add (local.get $ev) (v128.load offset=39456 (global.get $tab)))
              (v128.load offset=39472 (global.get $tab))))
            ;; [log(c) high, log(c) low] of each lane
            (local.set $a (v128.load offset=16 (local.get $j0)))
            (local.set $b (v128.load offset=16 (local.get $j1)))
            (local.set $w (f64x2.add (f64x2.mul (local.get $k) (v128.load offset=39488 (global.get $tab)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))))
            (local.set $hi (f64x2.add (local.get $w) (local.get $r)))
            (v128.store (i32.add (local.get $p) (local.get $d))
              (f64x2.add (local.get $hi)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.sub (local.get $w) (local.get $hi)) (local.get $r))
                    (f64x2.add (f64x2.mul (local.get $k) (v128.load offset=39504 (global.get $tab)))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
                  (f64x2.add
                    (f64x2.mul (local.get $r2) (f64x2.add (v128.load offset=39520 (global.get $tab))
                      (f64x2.mul (local.get $r) (v128.load offset=39536 (global.get $tab)))))
                    (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
                      (f64x2.add
                        (f64x2.add (v128.load offset=39552 (global.get $tab)) (f64x2.mul (local.get $r) (v128.load offset=39568 (global.get $tab))))
                        (f64x2.mul (local.get $r2) (v128.load offset=39584 (global.get $tab))))))))))
          (else
            (f64.store (i32.add (local.get $p) (local.get $d)) (call $logOne (f64x2.extract_lane 0 (local.get $v))))
            (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $logOne (f64x2.extract_lane 1 (local.get $v))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $logOne (f64.load (local.get $p)))))))

  ;; the same for log10: m = x 2^-(n + neg) per lane (see $log10One), log m as in "log"
  (func (export "log10") (param $p i32) (param $end i32) (param $d i32)
    (local $v v128) (local $h0 i32) (local $h1 i32) (local $n0 i32) (local $n1 i32) (local $g0 i32) (local $g1 i32)
    (local $m v128) (local $y v128)
    (local $t0 i32) (local $t1 i32) (local $ev v128) (local $j0 i32) (local $j1 i32)
    (local $a v128) (local $b v128) (local $r v128) (local $r2 v128) (local $k v128) (local $w v128) (local $hi v128)
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $h0 (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 0 (local.get $v)) (i64.const 32))))
        (local.set $h1 (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 1 (local.get $v)) (i64.const 32))))
        (local.set $n0 (i32.sub (i32.shr_s (local.get $h0) (i32.const 20)) (i32.const 1023)))
        (local.set $n1 (i32.sub (i32.shr_s (local.get $h1) (i32.const 20)) (i32.const 1023)))
        (local.set $g0 (i32.shr_u (local.get $n0) (i32.const 31)))
        (local.set $g1 (i32.shr_u (local.get $n1) (i32.const 31)))
        ;; high words of m
        (local.set $h0 (i32.or (i32.and (local.get $h0) (i32.const 0x000fffff)) (i32.shl (i32.sub (i32.const 0x3ff) (local.get $g0)) (i32.const 20))))
        (local.set $h1 (i32.or (i32.and (local.get $h1) (i32.const 0x000fffff)) (i32.shl (i32.sub (i32.const 0x3ff) (local.get $g1)) (i32.const 20))))
        (if (i32.and
              (i32.and (i32.lt_u (i32.sub (i32.add (local.get $n0) (i32.const 1023)) (i32.const 1)) (i32.const 2046))
                       (i32.lt_u (i32.sub (i32.add (local.get $n1) (i32.const 1023)) (i32.const 1)) (i32.const 2046)))
              (i32.and
              (i32.and
                (i32.lt_u (i32.sub (local.get $h0) (i32.const 0x00100000)) (i32.const 0x7fe00000))
                (i32.ge_u (i32.sub (local.get $h0) (i32.const 0x3fef0000)) (i32.const 0x18000)))
              (i32.and
                (i32.lt_u (i32.sub (local.get $h1) (i32.const 0x00100000)) (i32.const 0x7fe00000))
                (i32.ge_u (i32.sub (local.get $h1) (i32.const 0x3fef0000)) (i32.const 0x18000)))))
          (then
            (local.set $m (v128.or (v128.and (local.get $v) (v128.load offset=39648 (global.get $tab)))
              (i64x2.replace_lane 1 (i64x2.splat (i64.shl (i64.extend_i32_u (local.get $h0)) (i64.const 32)))
                (i64.shl (i64.extend_i32_u (local.get $h1)) (i64.const 32)))))
            ;; ---- $logFast on both lanes of m, written out
            (local.set $t0 (i32.sub (local.get $h0) (i32.const 1072076800)))
            (local.set $t1 (i32.sub (local.get $h1) (i32.const 1072076800)))
            ;; each lane's exponent e (see libm.ts logCore), as an i64 lane
            (local.set $ev (i64x2.shr_s (i64x2.sub (local.get $m) (v128.load offset=39664 (global.get $tab))) (i32.const 52)))
            (local.set $j0 (i32.shl (i32.and (i32.shr_s (local.get $t0) (i32.const 12)) (i32.const 255)) (i32.const 5)))
            (local.set $j0 (i32.add (local.get $j0) (global.get $tab)))
            (local.set $j1 (i32.shl (i32.and (i32.shr_s (local.get $t1) (i32.const 12)) (i32.const 255)) (i32.const 5)))
            (local.set $j1 (i32.add (local.get $j1) (global.get $tab)))
            ;; [c, 1/c] of each lane
            (local.set $a (v128.load (local.get $j0)))
            (local.set $b (v128.load (local.get $j1)))
            (local.set $r (f64x2.mul
              (f64x2.sub
                (i64x2.sub (local.get $m) (i64x2.shl (local.get $ev) (i32.const 52)))
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
            (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
            ;; k = e as a double: the bits of 1.5 * 2^52 + e, less 1.5 * 2^52
            (local.set $k (f64x2.sub (i64x2.add (local.get $ev) (v128.load offset=39680 (global.get $tab)))
              (v128.load offset=39472 (global.get $tab))))
            ;; [log(c) high, log(c) low] of each lane
            (local.set $a (v128.load offset=16 (local.get $j0)))
            (local.set $b (v128.load offset=16 (local.get $j1)))
            (local.set $w (f64x2.add (f64x2.mul (local.get $k) (v128.load offset=39488 (global.get $tab)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))))
            (local.set $hi (f64x2.add (local.get $w) (local.get $r)))
            (local.set $y (f64x2.convert_low_i32x4_s (i32x4.replace_lane 1
              (i32x4.splat (i32.add (local.get $n0) (local.get $g0))) (i32.add (local.get $n1) (local.get $g1)))))
            (v128.store (i32.add (local.get $p) (local.get $d))
              (f64x2.add
                (f64x2.add
                  (f64x2.mul (local.get $y) (v128.load offset=39696 (global.get $tab)))
                  (f64x2.mul (v128.load offset=39600 (global.get $tab))

                    (f64x2.add (local.get $hi)
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add (f64x2.sub (local.get $w) (local.get $hi)) (local.get $r))
                          (f64x2.add (f64x2.mul (local.get $k) (v128.load offset=39504 (global.get $tab)))
                            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
                        (f64x2.add
                          (f64x2.mul (local.get $r2) (f64x2.add (v128.load offset=39520 (global.get $tab))
                            (f64x2.mul (local.get $r) (v128.load offset=39536 (global.get $tab)))))
                          (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
                            (f64x2.add
                              (f64x2.add (v128.load offset=39552 (global.get $tab)) (f64x2.mul (local.get $r) (v128.load offset=39568 (global.get $tab))))
                              (f64x2.mul (local.get $r2) (v128.load offset=39584 (global.get $tab))))))))))
                (f64x2.mul (local.get $y) (v128.load offset=39712 (global.get $tab))))))
          (else
            (f64.store (i32.add (local.get $p) (local.get $d)) (call $log10One (f64x2.extract_lane 0 (local.get $v))))
            (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $log10One (f64x2.extract_lane 1 (local.get $v))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $log10One (f64.load (local.get $p)))))))

  ;; libm.ts exp for one value: expCore (sc = 0) for |x| < 708, else expSpecial
  (func $expOne (param $x f64) (result f64)
    (local $kn f64) (local $ki i32) (local $j i32) (local $a f64) (local $b f64)
    (local $r f64) (local $rl f64) (local $r2 f64) (local $th f64)
    (if (i32.eqz (i32.and (f64.lt (local.get $x) (f64.const 708)) (f64.gt (local.get $x) (f64.const -708))))
      (then
        ;; expSpecial's first cases, here (no call out to JavaScript): NaN, overflow, underflow to 0
        (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
        (if (f64.gt (local.get $x) (f64.const 709.8)) (then (return (f64.const inf))))
        (if (f64.lt (local.get $x) (f64.const -745.2)) (then (return (f64.const 0))))
        (return (call $expSpecial (local.get $x)))))
    (local.set $kn (f64.sub (f64.add (f64.mul (local.get $x) (f64.const 0x1.71547652b82fep8))
      (f64.const 0x1.8p52)) (f64.const 0x1.8p52)))
    (local.set $ki (i32.trunc_f64_s (local.get $kn)))
    (local.set $j (i32.add (i32.const 18432) (i32.shl (i32.and (local.get $ki) (i32.const 255)) (i32.const 4))))
    (local.set $j (i32.add (local.get $j) (global.get $tab)))
    (local.set $a (f64.sub (local.get $x) (f64.mul (local.get $kn) (f64.const 0x1.62e42fefc0000p-9))))
    (local.set $b (f64.mul (local.get $kn) (f64.const -0x1.c610ca86c3899p-45)))
    (local.set $r (f64.sub (local.get $a) (local.get $b)))
    (local.set $rl (f64.sub (f64.sub (local.get $a) (local.get $r)) (local.get $b)))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $th (f64.load (local.get $j)))
    (f64.mul
      (f64.add (local.get $th) (f64.add (f64.load offset=8 (local.get $j)) (f64.mul (local.get $th)
        (f64.add (local.get $r) (f64.add (local.get $rl)
          (f64.add
            (f64.mul (local.get $r2) (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0x1.5555555555555p-3))))
            (f64.mul (f64.mul (local.get $r2) (local.get $r2))
              (f64.add (f64.const 0x1.5555555555555p-5) (f64.mul (local.get $r) (f64.const 0x1.1111111111111p-7))))))))))
      ;; 2^(ki >> 8), a normal number for |x| < 708
      (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.shr_s (local.get $ki) (i32.const 8)) (i32.const 1023)))
        (i64.const 52)))))

  ;; exp over [p, end), two values per step when both have |x| < 708: $expOne's operations lane by lane
  (func (export "exp") (param $p i32) (param $end i32) (param $d i32)
    (local $x v128) (local $kn v128) (local $ki v128) (local $j0 i32) (local $j1 i32) (local $ta v128) (local $tb v128)
    (local $a v128) (local $b v128) (local $r v128) (local $rl v128) (local $r2 v128) (local $th v128)
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (if (i64x2.all_true (f64x2.lt (f64x2.abs (local.get $x)) (v128.load offset=39728 (global.get $tab))))
          (then
            (local.set $kn (f64x2.sub (f64x2.add (f64x2.mul (local.get $x) (v128.load offset=39744 (global.get $tab)))
              (v128.load offset=39472 (global.get $tab))) (v128.load offset=39472 (global.get $tab))))
            (local.set $ki (i32x4.trunc_sat_f64x2_s_zero (local.get $kn)))
            (local.set $j0 (i32.add (i32.const 18432) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $ki)) (i32.const 255)) (i32.const 4))))
            (local.set $j0 (i32.add (local.get $j0) (global.get $tab)))
            (local.set $j1 (i32.add (i32.const 18432) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $ki)) (i32.const 255)) (i32.const 4))))
            (local.set $j1 (i32.add (local.get $j1) (global.get $tab)))
            (local.set $ta (v128.load (local.get $j0)))
            (local.set $tb (v128.load (local.get $j1)))
            (local.set $a (f64x2.sub (local.get $x) (f64x2.mul (local.get $kn) (v128.load offset=39760 (global.get $tab)))))
            (local.set $b (f64x2.mul (local.get $kn) (v128.load offset=39776 (global.get $tab))))
            (local.set $r (f64x2.sub (local.get $a) (local.get $b)))
            (local.set $rl (f64x2.sub (f64x2.sub (local.get $a) (local.get $r)) (local.get $b)))
            (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
            (local.set $th (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ta) (local.get $tb)))
            (v128.store (i32.add (local.get $p) (local.get $d))
              (f64x2.mul
                (f64x2.add (local.get $th)
                  (f64x2.add (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ta) (local.get $tb))
                    (f64x2.mul (local.get $th)
                      (f64x2.add (local.get $r) (f64x2.add (local.get $rl)
                        (f64x2.add
                          (f64x2.mul (local.get $r2) (f64x2.add (v128.load offset=39616 (global.get $tab))
                            (f64x2.mul (local.get $r) (v128.load offset=39792 (global.get $tab)))))
                          (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
                            (f64x2.add (v128.load offset=39632 (global.get $tab))
                              (f64x2.mul (local.get $r) (v128.load offset=39808 (global.get $tab)))))))))))
                (i64x2.shl (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $ki) (i32.const 8)) (v128.load offset=39920 (global.get $tab))))
                  (i32.const 52)))))
          (else
            (f64.store (i32.add (local.get $p) (local.get $d)) (call $expOne (f64x2.extract_lane 0 (local.get $x))))
            (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $expOne (f64x2.extract_lane 1 (local.get $x))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $expOne (f64.load (local.get $p)))))))

  ;; libm.ts cosh for one value (coshCore below COSH_BIG = 0x1.62e42p+9, else coshSpecial)
  (func $coshOne (param $x f64) (result f64)
    (local $ax f64) (local $kn f64) (local $ki i32) (local $j i32) (local $a f64) (local $b f64)
    (local $r f64) (local $rl f64) (local $r2 f64) (local $th f64) (local $u f64) (local $p f64)
    (local $s f64) (local $l f64) (local $w f64)
    (local.set $ax (f64.abs (local.get $x)))
    (if (i32.eqz (f64.lt (local.get $ax) (f64.const 0x1.62e42p+9)))
      (then
        (if (f64.ne (local.get $ax) (local.get $ax)) (then (return (local.get $ax))))
        (if (f64.gt (local.get $ax) (f64.const 0x1.633ce8fb9f87dp+9)) (then (return (f64.const inf))))
        (local.set $w (call $expOne (f64.mul (f64.const 0.5) (local.get $ax))))
        (return (f64.mul (f64.mul (f64.const 0.5) (local.get $w)) (local.get $w)))))
    (local.set $kn (f64.sub (f64.add (f64.mul (local.get $ax) (f64.const 0x1.71547652b82fep8))
      (f64.const 0x1.8p52)) (f64.const 0x1.8p52)))
    (local.set $ki (i32.trunc_f64_s (local.get $kn)))
    (local.set $j (i32.add (i32.const 18432) (i32.shl (i32.and (local.get $ki) (i32.const 255)) (i32.const 4))))
    (local.set $j (i32.add (local.get $j) (global.get $tab)))
    (local.set $a (f64.sub (local.get $ax) (f64.mul (local.get $kn) (f64.const 0x1.62e42fefc0000p-9))))
    (local.set $b (f64.mul (local.get $kn) (f64.const -0x1.c610ca86c3899p-45)))
    (local.set $r (f64.sub (local.get $a) (local.get $b)))
    (local.set $rl (f64.sub (f64.sub (local.get $a) (local.get $r)) (local.get $b)))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $th (f64.load (local.get $j)))
    (local.set $u (f64.add (f64.load offset=8 (local.get $j)) (f64.mul (local.get $th)
      (f64.add (local.get $r) (f64.add (local.get $rl)
          (f64.add
            (f64.mul (local.get $r2) (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0x1.5555555555555p-3))))
            (f64.mul (f64.mul (local.get $r2) (local.get $r2))
              (f64.add (f64.const 0x1.5555555555555p-5) (f64.mul (local.get $r) (f64.const 0x1.1111111111111p-7))))))))))
    (if (f64.ge (local.get $ax) (f64.const 22))
      (then
        ;; 2^(k-1)
        (local.set $p (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.shr_s (local.get $ki) (i32.const 8)) (i32.const 1022)))
          (i64.const 52))))
        (return (f64.add (f64.mul (local.get $th) (local.get $p)) (f64.mul (local.get $u) (local.get $p))))))
    (local.set $p (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.shr_s (local.get $ki) (i32.const 8)) (i32.const 1023)))
      (i64.const 52))))
    (local.set $s (f64.mul (local.get $th) (local.get $p)))
    (local.set $l (f64.mul (local.get $u) (local.get $p)))
    (if (f64.lt (local.get $ax) (f64.const 0x1.62e43p-2))
      (then
        (local.set $a (f64.add (f64.sub (local.get $s) (f64.const 1)) (local.get $l)))
        (local.set $w (f64.add (f64.const 1) (local.get $a)))
        (return (f64.add (f64.const 1) (f64.div (f64.mul (local.get $a) (local.get $a)) (f64.add (local.get $w) (local.get $w)))))))
    (local.set $w (f64.add (local.get $s) (local.get $l)))
    (f64.add (f64.mul (f64.const 0.5) (local.get $w)) (f64.div (f64.const 0.5) (local.get $w))))

  ;; cosh over [p, end): two values per step when both are below COSH_BIG, all three of coshCore's
  ;; formulas computed per lane and the one for the lane's range kept (v128.bitselect)
  (func (export "cosh") (param $p i32) (param $end i32) (param $d i32)
    (local $x v128) (local $ax v128) (local $kn v128) (local $ki v128) (local $j0 i32) (local $j1 i32) (local $ta v128) (local $tb v128)
    (local $a v128) (local $b v128) (local $r v128) (local $rl v128) (local $r2 v128) (local $th v128) (local $u v128)
    (local $e2 v128) (local $s v128) (local $l v128) (local $m1 v128) (local $w v128)
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $ax (f64x2.abs (local.get $x)))
        (if (i64x2.all_true (f64x2.lt (local.get $ax) (v128.load offset=39824 (global.get $tab))))
          (then
            (local.set $kn (f64x2.sub (f64x2.add (f64x2.mul (local.get $ax) (v128.load offset=39744 (global.get $tab)))
              (v128.load offset=39472 (global.get $tab))) (v128.load offset=39472 (global.get $tab))))
            (local.set $ki (i32x4.trunc_sat_f64x2_s_zero (local.get $kn)))
            (local.set $j0 (i32.add (i32.const 18432) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $ki)) (i32.const 255)) (i32.const 4))))
            (local.set $j0 (i32.add (local.get $j0) (global.get $tab)))
            (local.set $j1 (i32.add (i32.const 18432) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $ki)) (i32.const 255)) (i32.const 4))))
            (local.set $j1 (i32.add (local.get $j1) (global.get $tab)))
            (local.set $ta (v128.load (local.get $j0)))
            (local.set $tb (v128.load (local.get $j1)))
            (local.set $a (f64x2.sub (local.get $ax) (f64x2.mul (local.get $kn) (v128.load offset=39760 (global.get $tab)))))
            (local.set $b (f64x2.mul (local.get $kn) (v128.load offset=39776 (global.get $tab))))
            (local.set $r (f64x2.sub (local.get $a) (local.get $b)))
            (local.set $rl (f64x2.sub (f64x2.sub (local.get $a) (local.get $r)) (local.get $b)))
            (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
            (local.set $th (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ta) (local.get $tb)))
            (local.set $u (f64x2.add (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ta) (local.get $tb))
              (f64x2.mul (local.get $th)
                (f64x2.add (local.get $r) (f64x2.add (local.get $rl)
          (f64x2.add
            (f64x2.mul (local.get $r2) (f64x2.add (v128.load offset=39616 (global.get $tab)) (f64x2.mul (local.get $r) (v128.load offset=39792 (global.get $tab)))))
            (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
              (f64x2.add (v128.load offset=39632 (global.get $tab)) (f64x2.mul (local.get $r) (v128.load offset=39808 (global.get $tab)))))))))))
            ;; 2^k, and 2^(k-1) for the lanes at or above 22
            (local.set $ki (i64x2.extend_low_i32x4_s (i32x4.shr_s (local.get $ki) (i32.const 8))))
            (local.set $e2 (i64x2.shl (i64x2.add (local.get $ki) (v128.load offset=39840 (global.get $tab))) (i32.const 52)))
            (local.set $s (f64x2.mul (local.get $th) (local.get $e2)))
            (local.set $l (f64x2.mul (local.get $u) (local.get $e2)))
            (local.set $m1 (f64x2.add (f64x2.sub (local.get $s) (v128.load offset=39856 (global.get $tab))) (local.get $l)))
            (local.set $w (f64x2.add (v128.load offset=39856 (global.get $tab)) (local.get $m1)))
            (local.set $e2 (i64x2.shl (i64x2.add (local.get $ki) (v128.load offset=39872 (global.get $tab))) (i32.const 52)))
            (local.set $a (f64x2.add (local.get $s) (local.get $l)))
            (v128.store (i32.add (local.get $p) (local.get $d))
              (v128.bitselect
                (f64x2.add (v128.load offset=39856 (global.get $tab)) (f64x2.div (f64x2.mul (local.get $m1) (local.get $m1)) (f64x2.add (local.get $w) (local.get $w))))
                (v128.bitselect
                  (f64x2.add (f64x2.mul (v128.load offset=39616 (global.get $tab)) (local.get $a)) (f64x2.div (v128.load offset=39616 (global.get $tab)) (local.get $a)))
                  (f64x2.add (f64x2.mul (local.get $th) (local.get $e2)) (f64x2.mul (local.get $u) (local.get $e2)))
                  (f64x2.lt (local.get $ax) (v128.load offset=39888 (global.get $tab))))
                (f64x2.lt (local.get $ax) (v128.load offset=39904 (global.get $tab))))))
          (else
            (f64.store (i32.add (local.get $p) (local.get $d)) (call $coshOne (f64x2.extract_lane 0 (local.get $x))))
            (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $coshOne (f64x2.extract_lane 1 (local.get $x))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $coshOne (f64.load (local.get $p)))))))
)
