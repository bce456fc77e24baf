;; tanh and sinh exactly as V8's Math.tanh and Math.sinh compute them: V8 (src/base/ieee754.cc)
;; runs fdlibm's tanh, sinh, expm1 and exp, and this is that arithmetic operation for operation
;; (IEEE double arithmetic, no FMA on either side, so the same bits; the tests compare every case
;; with Math.tanh / Math.sinh). Why: V8 calls out to C once per value, which left TANH and SINH at
;; 1.0-1.5x TA-Lib C; here the whole loop runs without leaving wasm.
;; Each exported loop takes (p, end, d): inputs at byte offsets [p, end), each output 8 bytes at
;; p + d (d = 0: in place). The memory is imported (math/hyperbolic.ts: the series heap's memory, or
;; a small one of its own).
;; Constants are fdlibm's, written as hex floats (ln2_hi 0x3fe62e42fee00000, ln2_lo
;; 0x3dea39ef35793c76, invln2 0x3ff71547652b82fe, Q1..Q5 and P1..P5 as in fdlibm).
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; fdlibm expm1 for finite x with |x| >= 2^-54 and x < 709.78 (what tanh and sinh pass: |x| < 44)
  (func $expm1 (param $x f64) (result f64)
    (local $hx i32) (local $neg i32) (local $k i32) (local $hi f64) (local $lo f64) (local $c f64)
    (local $t f64) (local $hfx f64) (local $hxs f64) (local $r1 f64) (local $e f64) (local $y f64)
    (local $twopk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $neg (i32.lt_s (local.get $hx) (i32.const 0)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; x < -56 ln2: -1 (tiny - one)
    (if (i32.and (local.get $neg) (i32.ge_u (local.get $hx) (i32.const 0x4043687a)))
      (then (return (f64.const -1))))
    (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3ff0a2b2))
          (then
            (if (local.get $neg)
              (then
                (local.set $hi (f64.add (local.get $x) (f64.const 0x1.62e42feep-1)))
                (local.set $lo (f64.const -0x1.a39ef35793c76p-33))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const 0x1.62e42feep-1)))
                (local.set $lo (f64.const 0x1.a39ef35793c76p-33))
                (local.set $k (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add
              (f64.mul (f64.const 0x1.71547652b82fep+0) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (local.get $neg)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42feep-1))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo)))
        (local.set $c (f64.sub (f64.sub (local.get $hi) (local.get $x)) (local.get $lo))))
      (else
        (if (i32.lt_u (local.get $hx) (i32.const 0x3c900000)) (then (return (local.get $x))))
        (local.set $k (i32.const 0))))
    (local.set $hfx (f64.mul (f64.const 0.5) (local.get $x)))
    (local.set $hxs (f64.mul (local.get $x) (local.get $hfx)))
    (local.set $r1 (f64.add (f64.const 1) (f64.mul (local.get $hxs)
      (f64.add (f64.const -0x1.11111111110f4p-5) (f64.mul (local.get $hxs)
        (f64.add (f64.const 0x1.a01a019fe5585p-10) (f64.mul (local.get $hxs)
          (f64.add (f64.const -0x1.4ce199eaadbb7p-14) (f64.mul (local.get $hxs)
            (f64.add (f64.const 0x1.0cfca86e65239p-18) (f64.mul (local.get $hxs) (f64.const -0x1.afdb76e09c32dp-23))))))))))))
    (local.set $t (f64.sub (f64.const 3) (f64.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f64.mul (local.get $hxs)
      (f64.div (f64.sub (local.get $r1) (local.get $t)) (f64.sub (f64.const 6) (f64.mul (local.get $x) (local.get $t))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $x) (f64.sub (f64.mul (local.get $x) (local.get $e)) (local.get $hxs))))))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3ff) (local.get $k))) (i64.const 52))))
    (local.set $e (f64.sub (f64.mul (local.get $x) (f64.sub (local.get $e) (local.get $c))) (local.get $c)))
    (local.set $e (f64.sub (local.get $e) (local.get $hxs)))
    (if (i32.eq (local.get $k) (i32.const -1))
      (then (return (f64.sub (f64.mul (f64.const 0.5) (f64.sub (local.get $x) (local.get $e))) (f64.const 0.5)))))
    (if (i32.eq (local.get $k) (i32.const 1))
      (then
        (if (f64.lt (local.get $x) (f64.const -0.25))
          (then (return (f64.mul (f64.const -2) (f64.sub (local.get $e) (f64.add (local.get $x) (f64.const 0.5)))))))
        (return (f64.add (f64.const 1) (f64.mul (f64.const 2) (f64.sub (local.get $x) (local.get $e)))))))
    (if (i32.or (i32.le_s (local.get $k) (i32.const -2)) (i32.gt_s (local.get $k) (i32.const 56)))
      (then
        ;; k <= 64 here (|x| < 44), so 2^k is a normal double
        (return (f64.sub
          (f64.mul (f64.sub (f64.const 1) (f64.sub (local.get $e) (local.get $x))) (local.get $twopk))
          (f64.const 1)))))
    (if (result f64) (i32.lt_s (local.get $k) (i32.const 20))
      (then
        ;; (1 - 2^-k) - (e - x), times 2^k
        (f64.mul
          (f64.sub
            (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u
              (i32.sub (i32.const 0x3ff00000) (i32.shr_s (i32.const 0x200000) (local.get $k)))) (i64.const 32)))
            (f64.sub (local.get $e) (local.get $x)))
          (local.get $twopk)))
      (else
        ;; (x - (e + 2^-k)) + 1, times 2^k
        (f64.mul
          (f64.add
            (f64.sub (local.get $x) (f64.add (local.get $e)
              (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.sub (i32.const 0x3ff) (local.get $k))) (i64.const 52)))))
            (f64.const 1))
          (local.get $twopk)))))

  ;; fdlibm exp for x in [22, 709.79) (what sinh passes): the general reduction, k in [32, 1024]
  (func $exp (param $x f64) (result f64)
    (local $k i32) (local $t f64) (local $hi f64) (local $lo f64) (local $c f64) (local $y f64)
    (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 0x1.71547652b82fep+0) (local.get $x)) (f64.const 0.5))))
    (local.set $t (f64.convert_i32_s (local.get $k)))
    (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42feep-1))))
    (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))
    (local.set $x (f64.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 0x1.555555555553ep-3) (f64.mul (local.get $t)
        (f64.add (f64.const -0x1.6c16c16bebd93p-9) (f64.mul (local.get $t)
          (f64.add (f64.const 0x1.1566aaf25de2cp-14) (f64.mul (local.get $t)
            (f64.add (f64.const -0x1.bbd41c5d26bf1p-20) (f64.mul (local.get $t) (f64.const 0x1.6376972bea4d0p-25))))))))))))
    (local.set $y (f64.sub (f64.const 1)
      (f64.sub
        (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c))))
        (local.get $hi))))
    (if (result f64) (i32.eq (local.get $k) (i32.const 1024))
      (then (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 0x1p1023)))
      (else (f64.mul (local.get $y)
        (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3ff) (local.get $k))) (i64.const 52)))))))

  ;; fdlibm tanh
  (func $tanh (param $x f64) (result f64)
    (local $jx i32) (local $ix i32) (local $t f64) (local $z f64)
    (local.set $jx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $ix (i32.and (local.get $jx) (i32.const 0x7fffffff)))
    (if (i32.ge_u (local.get $ix) (i32.const 0x7ff00000))
      (then (return (select
        (f64.add (f64.div (f64.const 1) (local.get $x)) (f64.const 1))
        (f64.sub (f64.div (f64.const 1) (local.get $x)) (f64.const 1))
        (i32.ge_s (local.get $jx) (i32.const 0))))))
    (if (i32.lt_u (local.get $ix) (i32.const 0x40360000))
      (then
        (if (i32.lt_u (local.get $ix) (i32.const 0x3e300000)) (then (return (local.get $x))))
        (if (i32.ge_u (local.get $ix) (i32.const 0x3ff00000))
          (then
            (local.set $t (call $expm1 (f64.mul (f64.const 2) (f64.abs (local.get $x)))))
            (local.set $z (f64.sub (f64.const 1) (f64.div (f64.const 2) (f64.add (local.get $t) (f64.const 2))))))
          (else
            (local.set $t (call $expm1 (f64.mul (f64.const -2) (f64.abs (local.get $x)))))
            (local.set $z (f64.div (f64.neg (local.get $t)) (f64.add (local.get $t) (f64.const 2)))))))
      (else (local.set $z (f64.const 1))))
    (select (local.get $z) (f64.neg (local.get $z)) (i32.ge_s (local.get $jx) (i32.const 0))))

  ;; fdlibm sinh (V8's thresholds: 2^-28, 22, 0x40862e42 00000000, 710.4758600739439)
  (func $sinh (param $x f64) (result f64)
    (local $h f64) (local $ax f64) (local $t f64) (local $w f64)
    (local.set $h (select (f64.const -0.5) (f64.const 0.5) (f64.lt (local.get $x) (f64.const 0))))
    (local.set $ax (f64.abs (local.get $x)))
    (if (f64.lt (local.get $ax) (f64.const 22))
      (then
        (if (f64.lt (local.get $ax) (f64.const 0x1p-28)) (then (return (local.get $x))))
        (local.set $t (call $expm1 (local.get $ax)))
        (if (f64.lt (local.get $ax) (f64.const 1))
          (then (return (f64.mul (local.get $h)
            (f64.sub (f64.mul (f64.const 2) (local.get $t))
              (f64.div (f64.mul (local.get $t) (local.get $t)) (f64.add (local.get $t) (f64.const 1))))))))
        (return (f64.mul (local.get $h)
          (f64.add (local.get $t) (f64.div (local.get $t) (f64.add (local.get $t) (f64.const 1))))))))
    (if (f64.lt (local.get $ax) (f64.const 709.7822265625))
      (then (return (f64.mul (local.get $h) (call $exp (local.get $ax))))))
    (if (f64.le (local.get $ax) (f64.const 710.4758600739439))
      (then
        (local.set $w (call $exp (f64.mul (f64.const 0.5) (local.get $ax))))
        (return (f64.mul (f64.mul (local.get $h) (local.get $w)) (local.get $w)))))
    (f64.mul (local.get $x) (f64.const 1e307)))

;; Vector loops: fdlibm's branches become per-lane selects or per-pair branches. expm1's reduction
;; with k = 0 and k = +-1 is its general reduction with t = k (t ln2_hi is then 0 or +-ln2_hi, exact),
;; so one reduction serves every k; the reconstruction runs the one case both lanes' k take (a
;; br_table over fdlibm's six cases), or all of them and a per-lane select when the lanes differ.
;; The cases (fdlibm's order): 0: k = 0, 1: k = -1, 2: k = 1, 3: k <= -2 or k > 56, 4: k < 20, 5: else.
;; 2^k and 2^-k are built from k's bits: k + 1.5 2^52 holds k in its low bits. Constants sit in
;; locals set before the loop (V8 rebuilds a v128.const on every use inside a loop).

  ;; tanh: two values per step; an odd last value, or a pair whose lanes need different paths (NaN
  ;; included), goes through $tanh one value at a time
  (func (export "tanh") (param $p i32) (param $end i32) (param $d i32)
    (local $v v128) (local $ax v128) (local $a v128) (local $kf v128) (local $hi v128) (local $lo v128) (local $r v128) (local $c v128) (local $hfx v128) (local $hxs v128) (local $r1 v128) (local $tt v128) (local $e v128) (local $e2 v128) (local $kb v128) (local $twopk v128) (local $p2mk v128) (local $t v128) (local $q v128) (local $z v128) (local $h v128) (local $k0 i32) (local $k1 i32)
    (local $c_one v128) (local $c_two v128) (local $c_mtwo v128) (local $c_half v128) (local $c_mhalf v128) (local $c_invln2 v128) (local $c_ln2hi v128) (local $c_ln2lo v128) (local $c_kzero v128) (local $c_q1 v128) (local $c_q2 v128) (local $c_q3 v128) (local $c_q4 v128) (local $c_q5 v128) (local $c_three v128) (local $c_six v128) (local $c_magic v128) (local $c_i1023 v128) (local $c_tiny v128) (local $c_c22 v128) (local $c_sign v128)
    (local.set $c_one (v128.const f64x2 1 1))
    (local.set $c_two (v128.const f64x2 2 2))
    (local.set $c_mtwo (v128.const f64x2 -2 -2))
    (local.set $c_half (v128.const f64x2 0.5 0.5))
    (local.set $c_mhalf (v128.const f64x2 -0.5 -0.5))
    (local.set $c_invln2 (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))
    (local.set $c_ln2hi (v128.const f64x2 0x1.62e42feep-1 0x1.62e42feep-1))
    (local.set $c_ln2lo (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))
    (local.set $c_kzero (v128.const f64x2 0x1.62e43p-2 0x1.62e43p-2))
    (local.set $c_q1 (v128.const f64x2 -0x1.11111111110f4p-5 -0x1.11111111110f4p-5))
    (local.set $c_q2 (v128.const f64x2 0x1.a01a019fe5585p-10 0x1.a01a019fe5585p-10))
    (local.set $c_q3 (v128.const f64x2 -0x1.4ce199eaadbb7p-14 -0x1.4ce199eaadbb7p-14))
    (local.set $c_q4 (v128.const f64x2 0x1.0cfca86e65239p-18 0x1.0cfca86e65239p-18))
    (local.set $c_q5 (v128.const f64x2 -0x1.afdb76e09c32dp-23 -0x1.afdb76e09c32dp-23))
    (local.set $c_three (v128.const f64x2 3 3))
    (local.set $c_six (v128.const f64x2 6 6))
    (local.set $c_magic (v128.const f64x2 0x1.8p52 0x1.8p52))
    (local.set $c_i1023 (v128.const i64x2 1023 1023))
    (local.set $c_tiny (v128.const f64x2 0x1p-28 0x1p-28))
    (local.set $c_c22 (v128.const f64x2 22 22))
    (local.set $c_sign (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $ax (f64x2.abs (local.get $v)))
        (block $scalar
          (block $store
            ;; 2^-28 <= |x| < 1: t = expm1(-2|x|), -t/(t + 2)
            (if (i64x2.all_true (v128.and (f64x2.ge (local.get $ax) (local.get $c_tiny)) (f64x2.lt (local.get $ax) (local.get $c_one))))
              (then
                (local.set $a (f64x2.mul (local.get $ax) (local.get $c_mtwo)))

            (local.set $kf (v128.andnot
              (f64x2.trunc (f64x2.add (f64x2.mul (local.get $a) (local.get $c_invln2)) (local.get $c_mhalf)))
              (f64x2.lt (f64x2.abs (local.get $a)) (local.get $c_kzero))))
            (local.set $hi (f64x2.sub (local.get $a) (f64x2.mul (local.get $kf) (local.get $c_ln2hi))))
            (local.set $lo (f64x2.mul (local.get $kf) (local.get $c_ln2lo)))
            (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
            (local.set $c (f64x2.sub (f64x2.sub (local.get $hi) (local.get $r)) (local.get $lo)))
            (local.set $hfx (f64x2.mul (local.get $c_half) (local.get $r)))
            (local.set $hxs (f64x2.mul (local.get $r) (local.get $hfx)))
            (local.set $r1 (f64x2.add (local.get $c_one) (f64x2.mul (local.get $hxs)
              (f64x2.add (local.get $c_q1) (f64x2.mul (local.get $hxs)
                (f64x2.add (local.get $c_q2) (f64x2.mul (local.get $hxs)
                  (f64x2.add (local.get $c_q3) (f64x2.mul (local.get $hxs)
                    (f64x2.add (local.get $c_q4) (f64x2.mul (local.get $hxs) (local.get $c_q5))))))))))))
            (local.set $tt (f64x2.sub (local.get $c_three) (f64x2.mul (local.get $r1) (local.get $hfx))))
            (local.set $e (f64x2.mul (local.get $hxs)
              (f64x2.div (f64x2.sub (local.get $r1) (local.get $tt)) (f64x2.sub (local.get $c_six) (f64x2.mul (local.get $r) (local.get $tt))))))
            (local.set $k0 (i32.trunc_f64_s (f64x2.extract_lane 0 (local.get $kf))))
            (local.set $k1 (i32.trunc_f64_s (f64x2.extract_lane 1 (local.get $kf))))
            (local.set $k0 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k0) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k0) (i32.const -2)) (i32.gt_s (local.get $k0) (i32.const 56))))
              (i32.eq (local.get $k0) (i32.const 1))) (i32.eq (local.get $k0) (i32.const -1))) (i32.eqz (local.get $k0))))
            (local.set $k1 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k1) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k1) (i32.const -2)) (i32.gt_s (local.get $k1) (i32.const 56))))
              (i32.eq (local.get $k1) (i32.const 1))) (i32.eq (local.get $k1) (i32.const -1))) (i32.eqz (local.get $k1))))
            (local.set $t (block $done (result v128)
              (block $mixed
              (block $c5
              (block $c4
              (block $c3
              (block $c2
              (block $c1
              (block $c0
                (br_if $mixed (i32.ne (local.get $k0) (local.get $k1)))
                (br_table $c0 $c1 $mixed $c3 $mixed $mixed $mixed (local.get $k0)))
              ;; k case 0
                            (br $done (f64x2.sub (local.get $r) (f64x2.sub (f64x2.mul (local.get $r) (local.get $e)) (local.get $hxs)))))
              ;; k case 1
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
              (br $done (f64x2.sub (f64x2.mul (local.get $c_half) (f64x2.sub (local.get $r) (local.get $e2))) (local.get $c_half))))
              )
              ;; k case 3
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
              (br $done (f64x2.sub (f64x2.mul (f64x2.sub (local.get $c_one) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (local.get $c_one))))
              )
              )
              ;; lanes in different cases
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
              (v128.bitselect (f64x2.sub (local.get $r) (f64x2.sub (f64x2.mul (local.get $r) (local.get $e)) (local.get $hxs))) (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c_half) (f64x2.sub (local.get $r) (local.get $e2))) (local.get $c_half)) (f64x2.sub (f64x2.mul (f64x2.sub (local.get $c_one) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (local.get $c_one)) (f64x2.eq (local.get $kf) (v128.const f64x2 -1 -1))) (f64x2.eq (local.get $kf) (v128.const f64x2 0 0)))))

                (local.set $z (f64x2.div (f64x2.neg (local.get $t)) (f64x2.add (local.get $t) (local.get $c_two))))
                (br $store)))
            ;; 1 <= |x| < 22: t = expm1(2|x|), 1 - 2/(t + 2)
            (if (i64x2.all_true (v128.and (f64x2.ge (local.get $ax) (local.get $c_one)) (f64x2.lt (local.get $ax) (local.get $c_c22))))
              (then
                (local.set $a (f64x2.mul (local.get $ax) (local.get $c_two)))

            (local.set $kf (v128.andnot
              (f64x2.trunc (f64x2.add (f64x2.mul (local.get $a) (local.get $c_invln2)) (local.get $c_half)))
              (f64x2.lt (f64x2.abs (local.get $a)) (local.get $c_kzero))))
            (local.set $hi (f64x2.sub (local.get $a) (f64x2.mul (local.get $kf) (local.get $c_ln2hi))))
            (local.set $lo (f64x2.mul (local.get $kf) (local.get $c_ln2lo)))
            (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
            (local.set $c (f64x2.sub (f64x2.sub (local.get $hi) (local.get $r)) (local.get $lo)))
            (local.set $hfx (f64x2.mul (local.get $c_half) (local.get $r)))
            (local.set $hxs (f64x2.mul (local.get $r) (local.get $hfx)))
            (local.set $r1 (f64x2.add (local.get $c_one) (f64x2.mul (local.get $hxs)
              (f64x2.add (local.get $c_q1) (f64x2.mul (local.get $hxs)
                (f64x2.add (local.get $c_q2) (f64x2.mul (local.get $hxs)
                  (f64x2.add (local.get $c_q3) (f64x2.mul (local.get $hxs)
                    (f64x2.add (local.get $c_q4) (f64x2.mul (local.get $hxs) (local.get $c_q5))))))))))))
            (local.set $tt (f64x2.sub (local.get $c_three) (f64x2.mul (local.get $r1) (local.get $hfx))))
            (local.set $e (f64x2.mul (local.get $hxs)
              (f64x2.div (f64x2.sub (local.get $r1) (local.get $tt)) (f64x2.sub (local.get $c_six) (f64x2.mul (local.get $r) (local.get $tt))))))
            (local.set $k0 (i32.trunc_f64_s (f64x2.extract_lane 0 (local.get $kf))))
            (local.set $k1 (i32.trunc_f64_s (f64x2.extract_lane 1 (local.get $kf))))
            (local.set $k0 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k0) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k0) (i32.const -2)) (i32.gt_s (local.get $k0) (i32.const 56))))
              (i32.eq (local.get $k0) (i32.const 1))) (i32.eq (local.get $k0) (i32.const -1))) (i32.eqz (local.get $k0))))
            (local.set $k1 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k1) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k1) (i32.const -2)) (i32.gt_s (local.get $k1) (i32.const 56))))
              (i32.eq (local.get $k1) (i32.const 1))) (i32.eq (local.get $k1) (i32.const -1))) (i32.eqz (local.get $k1))))
            (local.set $t (block $done (result v128)
              (block $mixed
              (block $c5
              (block $c4
              (block $c3
              (block $c2
              (block $c1
              (block $c0
                (br_if $mixed (i32.ne (local.get $k0) (local.get $k1)))
                (br_table $mixed $mixed $mixed $c3 $c4 $c5 $mixed (local.get $k0)))
              )
              )
              )
              ;; k case 3
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
              (br $done (f64x2.sub (f64x2.mul (f64x2.sub (local.get $c_one) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (local.get $c_one))))
              ;; k case 4
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (br $done (f64x2.mul (f64x2.sub (f64x2.sub (local.get $c_one) (local.get $p2mk)) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk))))
              ;; k case 5
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (br $done (f64x2.mul (f64x2.add (f64x2.sub (local.get $r) (f64x2.add (local.get $e2) (local.get $p2mk))) (local.get $c_one)) (local.get $twopk))))
              ;; lanes in different cases
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (v128.bitselect (f64x2.sub (f64x2.mul (f64x2.sub (local.get $c_one) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (local.get $c_one)) (v128.bitselect (f64x2.mul (f64x2.sub (f64x2.sub (local.get $c_one) (local.get $p2mk)) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (f64x2.mul (f64x2.add (f64x2.sub (local.get $r) (f64x2.add (local.get $e2) (local.get $p2mk))) (local.get $c_one)) (local.get $twopk)) (f64x2.lt (local.get $kf) (v128.const f64x2 20 20))) (v128.or (f64x2.le (local.get $kf) (v128.const f64x2 -2 -2)) (f64x2.gt (local.get $kf) (v128.const f64x2 56 56))))))

                (local.set $z (f64x2.sub (local.get $c_one) (f64x2.div (local.get $c_two) (f64x2.add (local.get $t) (local.get $c_two)))))
                (br $store)))
            ;; |x| >= 22 (infinities included): 1
            (br_if $scalar (i32.eqz (i64x2.all_true (f64x2.ge (local.get $ax) (local.get $c_c22)))))
            (local.set $z (local.get $c_one))
          )
          ;; x's sign (z > 0 here)
          (local.set $z (v128.or (local.get $z) (v128.and (local.get $v) (local.get $c_sign))))
          (v128.store (i32.add (local.get $p) (local.get $d)) (local.get $z))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $next))
        (f64.store (i32.add (local.get $p) (local.get $d)) (call $tanh (f64.load (local.get $p))))
        (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $tanh (f64.load offset=8 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $tanh (f64.load (local.get $p)))))))

  ;; sinh: two values per step; an odd last value, or a pair whose lanes need different paths (NaN
  ;; included), goes through $sinh one value at a time
  (func (export "sinh") (param $p i32) (param $end i32) (param $d i32)
    (local $v v128) (local $ax v128) (local $a v128) (local $kf v128) (local $hi v128) (local $lo v128) (local $r v128) (local $c v128) (local $hfx v128) (local $hxs v128) (local $r1 v128) (local $tt v128) (local $e v128) (local $e2 v128) (local $kb v128) (local $twopk v128) (local $p2mk v128) (local $t v128) (local $q v128) (local $z v128) (local $h v128) (local $k0 i32) (local $k1 i32)
    (local $c_one v128) (local $c_two v128) (local $c_mtwo v128) (local $c_half v128) (local $c_invln2 v128) (local $c_ln2hi v128) (local $c_ln2lo v128) (local $c_kzero v128) (local $c_q1 v128) (local $c_q2 v128) (local $c_q3 v128) (local $c_q4 v128) (local $c_q5 v128) (local $c_three v128) (local $c_six v128) (local $c_magic v128) (local $c_i1023 v128) (local $c_tiny v128) (local $c_c22 v128) (local $c_sign v128) (local $c_mquarter v128) (local $c_p1 v128) (local $c_p2 v128) (local $c_p3 v128) (local $c_p4 v128) (local $c_p5 v128) (local $c_logmaxd v128) (local $c_sovf v128) (local $c_shuge v128) (local $c_k1023 v128) (local $c_k1024 v128)
    (local.set $c_one (v128.const f64x2 1 1))
    (local.set $c_two (v128.const f64x2 2 2))
    (local.set $c_mtwo (v128.const f64x2 -2 -2))
    (local.set $c_half (v128.const f64x2 0.5 0.5))
    (local.set $c_invln2 (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))
    (local.set $c_ln2hi (v128.const f64x2 0x1.62e42feep-1 0x1.62e42feep-1))
    (local.set $c_ln2lo (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))
    (local.set $c_kzero (v128.const f64x2 0x1.62e43p-2 0x1.62e43p-2))
    (local.set $c_q1 (v128.const f64x2 -0x1.11111111110f4p-5 -0x1.11111111110f4p-5))
    (local.set $c_q2 (v128.const f64x2 0x1.a01a019fe5585p-10 0x1.a01a019fe5585p-10))
    (local.set $c_q3 (v128.const f64x2 -0x1.4ce199eaadbb7p-14 -0x1.4ce199eaadbb7p-14))
    (local.set $c_q4 (v128.const f64x2 0x1.0cfca86e65239p-18 0x1.0cfca86e65239p-18))
    (local.set $c_q5 (v128.const f64x2 -0x1.afdb76e09c32dp-23 -0x1.afdb76e09c32dp-23))
    (local.set $c_three (v128.const f64x2 3 3))
    (local.set $c_six (v128.const f64x2 6 6))
    (local.set $c_magic (v128.const f64x2 0x1.8p52 0x1.8p52))
    (local.set $c_i1023 (v128.const i64x2 1023 1023))
    (local.set $c_tiny (v128.const f64x2 0x1p-28 0x1p-28))
    (local.set $c_c22 (v128.const f64x2 22 22))
    (local.set $c_sign (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $c_mquarter (v128.const f64x2 -0.25 -0.25))
    (local.set $c_p1 (v128.const f64x2 0x1.555555555553ep-3 0x1.555555555553ep-3))
    (local.set $c_p2 (v128.const f64x2 -0x1.6c16c16bebd93p-9 -0x1.6c16c16bebd93p-9))
    (local.set $c_p3 (v128.const f64x2 0x1.1566aaf25de2cp-14 0x1.1566aaf25de2cp-14))
    (local.set $c_p4 (v128.const f64x2 -0x1.bbd41c5d26bf1p-20 -0x1.bbd41c5d26bf1p-20))
    (local.set $c_p5 (v128.const f64x2 0x1.6376972bea4d0p-25 0x1.6376972bea4d0p-25))
    (local.set $c_logmaxd (v128.const f64x2 709.7822265625 709.7822265625))
    (local.set $c_sovf (v128.const f64x2 710.4758600739439 710.4758600739439))
    (local.set $c_shuge (v128.const f64x2 1e307 1e307))
    (local.set $c_k1023 (v128.const f64x2 1023 1023))
    (local.set $c_k1024 (v128.const f64x2 1024 1024))
    (block $pairs
      (loop $next
        (br_if $pairs (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $ax (f64x2.abs (local.get $v)))
        (block $scalar
          (block $store
            ;; 2^-28 <= |x| < 22: t = expm1(|x|); h (2t - t t/(t + 1)) below 1, h (t + t/(t + 1)) above
            (if (i64x2.all_true (v128.and (f64x2.ge (local.get $ax) (local.get $c_tiny)) (f64x2.lt (local.get $ax) (local.get $c_c22))))
              (then
                (local.set $a (local.get $ax))

            (local.set $kf (v128.andnot
              (f64x2.trunc (f64x2.add (f64x2.mul (local.get $a) (local.get $c_invln2)) (local.get $c_half)))
              (f64x2.lt (f64x2.abs (local.get $a)) (local.get $c_kzero))))
            (local.set $hi (f64x2.sub (local.get $a) (f64x2.mul (local.get $kf) (local.get $c_ln2hi))))
            (local.set $lo (f64x2.mul (local.get $kf) (local.get $c_ln2lo)))
            (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
            (local.set $c (f64x2.sub (f64x2.sub (local.get $hi) (local.get $r)) (local.get $lo)))
            (local.set $hfx (f64x2.mul (local.get $c_half) (local.get $r)))
            (local.set $hxs (f64x2.mul (local.get $r) (local.get $hfx)))
            (local.set $r1 (f64x2.add (local.get $c_one) (f64x2.mul (local.get $hxs)
              (f64x2.add (local.get $c_q1) (f64x2.mul (local.get $hxs)
                (f64x2.add (local.get $c_q2) (f64x2.mul (local.get $hxs)
                  (f64x2.add (local.get $c_q3) (f64x2.mul (local.get $hxs)
                    (f64x2.add (local.get $c_q4) (f64x2.mul (local.get $hxs) (local.get $c_q5))))))))))))
            (local.set $tt (f64x2.sub (local.get $c_three) (f64x2.mul (local.get $r1) (local.get $hfx))))
            (local.set $e (f64x2.mul (local.get $hxs)
              (f64x2.div (f64x2.sub (local.get $r1) (local.get $tt)) (f64x2.sub (local.get $c_six) (f64x2.mul (local.get $r) (local.get $tt))))))
            (local.set $k0 (i32.trunc_f64_s (f64x2.extract_lane 0 (local.get $kf))))
            (local.set $k1 (i32.trunc_f64_s (f64x2.extract_lane 1 (local.get $kf))))
            (local.set $k0 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k0) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k0) (i32.const -2)) (i32.gt_s (local.get $k0) (i32.const 56))))
              (i32.eq (local.get $k0) (i32.const 1))) (i32.eq (local.get $k0) (i32.const -1))) (i32.eqz (local.get $k0))))
            (local.set $k1 (select (i32.const 0) (select (i32.const 1) (select (i32.const 2) (select (i32.const 3)
              (select (i32.const 4) (i32.const 5) (i32.lt_s (local.get $k1) (i32.const 20)))
              (i32.or (i32.le_s (local.get $k1) (i32.const -2)) (i32.gt_s (local.get $k1) (i32.const 56))))
              (i32.eq (local.get $k1) (i32.const 1))) (i32.eq (local.get $k1) (i32.const -1))) (i32.eqz (local.get $k1))))
            (local.set $t (block $done (result v128)
              (block $mixed
              (block $c5
              (block $c4
              (block $c3
              (block $c2
              (block $c1
              (block $c0
                (br_if $mixed (i32.ne (local.get $k0) (local.get $k1)))
                (br_table $c0 $mixed $c2 $mixed $c4 $c5 $mixed (local.get $k0)))
              ;; k case 0
                            (br $done (f64x2.sub (local.get $r) (f64x2.sub (f64x2.mul (local.get $r) (local.get $e)) (local.get $hxs)))))
              )
              ;; k case 2
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
              (br $done (v128.bitselect
              (f64x2.mul (local.get $c_mtwo) (f64x2.sub (local.get $e2) (f64x2.add (local.get $r) (local.get $c_half))))
              (f64x2.add (local.get $c_one) (f64x2.mul (local.get $c_two) (f64x2.sub (local.get $r) (local.get $e2))))
              (f64x2.lt (local.get $r) (local.get $c_mquarter)))))
              )
              ;; k case 4
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (br $done (f64x2.mul (f64x2.sub (f64x2.sub (local.get $c_one) (local.get $p2mk)) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk))))
              ;; k case 5
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (br $done (f64x2.mul (f64x2.add (f64x2.sub (local.get $r) (f64x2.add (local.get $e2) (local.get $p2mk))) (local.get $c_one)) (local.get $twopk))))
              ;; lanes in different cases
              (local.set $e2 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
(local.set $kb (f64x2.add (local.get $kf) (local.get $c_magic)))
(local.set $twopk (i64x2.shl (i64x2.add (local.get $kb) (local.get $c_i1023)) (i32.const 52)))
(local.set $p2mk (i64x2.shl (i64x2.sub (local.get $c_i1023) (local.get $kb)) (i32.const 52)))
              (v128.bitselect (f64x2.sub (local.get $r) (f64x2.sub (f64x2.mul (local.get $r) (local.get $e)) (local.get $hxs))) (v128.bitselect (v128.bitselect
              (f64x2.mul (local.get $c_mtwo) (f64x2.sub (local.get $e2) (f64x2.add (local.get $r) (local.get $c_half))))
              (f64x2.add (local.get $c_one) (f64x2.mul (local.get $c_two) (f64x2.sub (local.get $r) (local.get $e2))))
              (f64x2.lt (local.get $r) (local.get $c_mquarter))) (v128.bitselect (f64x2.mul (f64x2.sub (f64x2.sub (local.get $c_one) (local.get $p2mk)) (f64x2.sub (local.get $e2) (local.get $r))) (local.get $twopk)) (f64x2.mul (f64x2.add (f64x2.sub (local.get $r) (f64x2.add (local.get $e2) (local.get $p2mk))) (local.get $c_one)) (local.get $twopk)) (f64x2.lt (local.get $kf) (v128.const f64x2 20 20))) (f64x2.eq (local.get $kf) (local.get $c_one))) (f64x2.eq (local.get $kf) (v128.const f64x2 0 0)))))

                (local.set $h (f64x2.lt (local.get $ax) (local.get $c_one)))
                (local.set $q (f64x2.div (v128.bitselect (f64x2.mul (local.get $t) (local.get $t)) (local.get $t) (local.get $h)) (f64x2.add (local.get $t) (local.get $c_one))))
                (local.set $z (v128.bitselect
                  (f64x2.sub (f64x2.mul (local.get $c_two) (local.get $t)) (local.get $q))
                  (f64x2.add (local.get $t) (local.get $q))
                  (local.get $h)))
                (br $store)))
            ;; |x| > 710.4758600739439 (infinities included): x 1e307, +-Infinity
            (if (i64x2.all_true (f64x2.gt (local.get $ax) (local.get $c_sovf)))
              (then
                (v128.store (i32.add (local.get $p) (local.get $d)) (f64x2.mul (local.get $v) (local.get $c_shuge)))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $next)))
            ;; 22 <= |x| < 0x40862e42 00000000: exp(|x|) (fdlibm's exp, k in [32, 1024])
            (br_if $scalar (i32.eqz (i64x2.all_true (v128.and (f64x2.ge (local.get $ax) (local.get $c_c22)) (f64x2.lt (local.get $ax) (local.get $c_logmaxd))))))
            (local.set $kf (f64x2.trunc (f64x2.add (f64x2.mul (local.get $ax) (local.get $c_invln2)) (local.get $c_half))))
            (local.set $hi (f64x2.sub (local.get $ax) (f64x2.mul (local.get $kf) (local.get $c_ln2hi))))
            (local.set $lo (f64x2.mul (local.get $kf) (local.get $c_ln2lo)))
            (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
            (local.set $tt (f64x2.mul (local.get $r) (local.get $r)))
            (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $tt)
              (f64x2.add (local.get $c_p1) (f64x2.mul (local.get $tt)
                (f64x2.add (local.get $c_p2) (f64x2.mul (local.get $tt)
                  (f64x2.add (local.get $c_p3) (f64x2.mul (local.get $tt)
                    (f64x2.add (local.get $c_p4) (f64x2.mul (local.get $tt) (local.get $c_p5))))))))))))
            (local.set $z (f64x2.sub (local.get $c_one)
              (f64x2.sub
                (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (local.get $c_two) (local.get $c))))
                (local.get $hi))))
            ;; k = 1024: y 2 2^1023
            (local.set $z (v128.bitselect (f64x2.mul (local.get $z) (local.get $c_two)) (local.get $z) (f64x2.eq (local.get $kf) (local.get $c_k1024))))
            (local.set $z (f64x2.mul (local.get $z)
              (i64x2.shl (i64x2.add (f64x2.add (f64x2.min (local.get $kf) (local.get $c_k1023)) (local.get $c_magic)) (local.get $c_i1023)) (i32.const 52))))
          )
          ;; times h = +-0.5, x's sign
          (local.set $z (f64x2.mul (local.get $z) (v128.or (local.get $c_half) (v128.and (local.get $v) (local.get $c_sign)))))
          (v128.store (i32.add (local.get $p) (local.get $d)) (local.get $z))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $next))
        (f64.store (i32.add (local.get $p) (local.get $d)) (call $sinh (f64.load (local.get $p))))
        (f64.store offset=8 (i32.add (local.get $p) (local.get $d)) (call $sinh (f64.load offset=8 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (i32.add (local.get $p) (local.get $d)) (call $sinh (f64.load (local.get $p)))))))

)
