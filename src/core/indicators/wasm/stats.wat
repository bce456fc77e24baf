;; Running-sum kernels on series in the series heap (heap.ts) for BETA, STDDEV, ULTOSC, KAMA and
;; STOCH/STOCHF; the wrapper (stats.ts) checks that every series lies in the heap and that each
;; output is apart from every input and from the other output. Each kernel does the JavaScript
;; kernel's IEEE-754 operations on the same operands in the same order (no FMA, no reassociation),
;; so the results are the same doubles. Where two running sums are updated alike they share one
;; f64x2 (lane by lane the same operations); a value the JavaScript kernel keeps in a ring (BETA's
;; returns, ULTOSC's terms) is computed again from the inputs when it leaves the window: the same
;; operations on the same doubles, so the same double, with no scratch memory.
;; Why: on series-heap arrays these JavaScript loops ran 1.1-1.3x TA-Lib C at 1M bars (V8 checks
;; every typed-array access; the loops carry 4-6 doubles).
;; Offsets are i32 but read as unsigned by loads and stores; loops count bars, never compare
;; pointers, so memories above 2 GiB work.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; ---------------------------------------------------------------- BETA
  ;; out[period..n) of beta.ts with 1 <= period < n. Lanes: s = [sx, sy], q = [sxx, sxy]; r the
  ;; two series' returns, as beta.ts's ret(): 0 where the previous value is within 1e-14 of zero,
  ;; else (v - prev) / prev. Written out, not as helper functions: V8 (node 20) does not inline
  ;; wasm calls, and the six calls per bar took 38 ms at 1M bars against 10 for the JavaScript loop.
  (func (export "beta") (param $x i32) (param $y i32) (param $o i32) (param $n i32) (param $period i32)
    (local $k i32) (local $tx i32) (local $ty i32) (local $pf v128)
    (local $last v128) (local $cur v128) (local $r v128) (local $s v128) (local $q v128)
    (local $tl v128) (local $dn v128) (local $d f64) (local $eps v128) (local $neps v128)
    (local.set $pf (f64x2.splat (f64.convert_i32_s (local.get $period))))
    (local.set $eps (v128.const f64x2 1e-14 1e-14))
    (local.set $neps (v128.const f64x2 -1e-14 -1e-14))
    (local.set $tx (local.get $x))
    (local.set $ty (local.get $y))
    (local.set $last (v128.load64_lane 1 (local.get $y) (v128.load64_splat (local.get $x))))
    (local.set $tl (local.get $last))
    (local.set $x (i32.add (local.get $x) (i32.const 8)))
    (local.set $y (i32.add (local.get $y) (i32.const 8)))
    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $period) (i32.const 3))))
    ;; bars 1 .. period - 1
    (local.set $k (i32.sub (local.get $period) (i32.const 1)))
    (if (local.get $k) (then (loop $w
      (local.set $cur (v128.load64_lane 1 (local.get $y) (v128.load64_splat (local.get $x))))
      (local.set $r (v128.andnot
        (f64x2.div (f64x2.sub (local.get $cur) (local.get $last)) (local.get $last))
        (v128.and (f64x2.gt (local.get $last) (local.get $neps)) (f64x2.lt (local.get $last) (local.get $eps)))))
      (local.set $last (local.get $cur))
      (local.set $q (f64x2.add (local.get $q) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $r) (local.get $r)) (local.get $r))))
      (local.set $s (f64x2.add (local.get $s) (local.get $r)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br_if $w (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    ;; bars period .. n - 1; the bar leaving is trailing = i - period + 1 (pointers $tx, $ty at its previous bar)
    (local.set $k (i32.sub (local.get $n) (local.get $period)))
    (loop $m
      (local.set $x (local.get $x))
      (local.set $y (local.get $y))
      (local.set $o (local.get $o))
      (local.set $cur (v128.load64_lane 1 (local.get $y) (v128.load64_splat (local.get $x))))
      (local.set $r (v128.andnot
        (f64x2.div (f64x2.sub (local.get $cur) (local.get $last)) (local.get $last))
        (v128.and (f64x2.gt (local.get $last) (local.get $neps)) (f64x2.lt (local.get $last) (local.get $eps)))))
      (local.set $last (local.get $cur))
      (local.set $q (f64x2.add (local.get $q) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $r) (local.get $r)) (local.get $r))))
      (local.set $s (f64x2.add (local.get $s) (local.get $r)))
      ;; [period * sxx - sx * sx, period * sxy - sx * sy]
      (local.set $dn (f64x2.sub (f64x2.mul (local.get $pf) (local.get $q)) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s)) (local.get $s))))
      (local.set $d (f64x2.extract_lane 0 (local.get $dn)))
      (f64.store (local.get $o)
        (select (f64.const 0)
          (f64.div (f64x2.extract_lane 1 (local.get $dn)) (local.get $d))
          (i32.and (f64.gt (local.get $d) (f64.const -1e-14)) (f64.lt (local.get $d) (f64.const 1e-14)))))
      ;; the leaving bar's returns, again
      (local.set $tx (i32.add (local.get $tx) (i32.const 8)))
      (local.set $ty (i32.add (local.get $ty) (i32.const 8)))
      (local.set $cur (v128.load64_lane 1 (local.get $ty) (v128.load64_splat (local.get $tx))))
      (local.set $r (v128.andnot
        (f64x2.div (f64x2.sub (local.get $cur) (local.get $tl)) (local.get $tl))
        (v128.and (f64x2.gt (local.get $tl) (local.get $neps)) (f64x2.lt (local.get $tl) (local.get $eps)))))
      (local.set $tl (local.get $cur))
      (local.set $q (f64x2.sub (local.get $q) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $r) (local.get $r)) (local.get $r))))
      (local.set $s (f64x2.sub (local.get $s) (local.get $r)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br_if $m (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
;; ---------------------------------------------------------------- STOCH, STOCHF (5-bar range)
  ;; The 5-bar window high and low, lanes [high, -low] (negation is exact), by f64x2.max: of the
  ;; pair maxima P[t] = max(v[t-1], v[t]), max(P[t], P[t-2]) and v[t-4]. Without NaN and zeros
  ;; (checked: x * x > 0 on every input, as minmax.ts's highest5Into) the window's maximum is one
  ;; value whichever tied bar holds it, the value TA-Lib's tracker (and the JavaScript kernels) keep.
  ;; Otherwise the kernel answers 0 and the caller runs its JavaScript kernel over all the outputs.
  ;; Per bar then, as momentum/stoch.ts: diff = (hi - lo) / 100, k = diff != 0 ? (c - lo) / diff : 0.

  ;; STOCH with both SMAs over 3 bars (stochSma33): slow %K into $ok from bar 6, slow %D into $od
  ;; from bar 8; n >= 9.
  (func (export "stoch533") (param $h i32) (param $l i32) (param $c i32) (param $ok i32) (param $od i32) (param $n i32) (result i32)
    (local $t i32) (local $neg v128) (local $good v128) (local $v v128) (local $vp v128) (local $p1 v128) (local $p2 v128)
    (local $m v128) (local $pt v128) (local $hi f64) (local $lo f64) (local $diff f64) (local $k f64) (local $sk f64)
    (local $sumK f64) (local $sumD f64) (local $raw1 f64) (local $raw2 f64) (local $slow1 f64) (local $slow2 f64)
    (local.set $neg (v128.const i64x2 0 0x8000000000000000))
    (local.set $good (v128.const i64x2 -1 -1))
    ;; bars 0..3: v[1..3], P[2] = max(v1, v2), P[3] = max(v2, v3)
    (local.set $v (v128.xor (local.get $neg) (v128.load64_lane 1 (local.get $l) (v128.load64_splat (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
    (local.set $vp (v128.xor (local.get $neg) (v128.load64_lane offset=8 1 (local.get $l) (v128.load64_splat offset=8 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $vp) (local.get $vp)) (v128.const f64x2 0 0))))
    (local.set $v (v128.xor (local.get $neg) (v128.load64_lane offset=16 1 (local.get $l) (v128.load64_splat offset=16 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
    (local.set $p2 (f64x2.max (local.get $vp) (local.get $v)))
    (local.set $vp (v128.xor (local.get $neg) (v128.load64_lane offset=24 1 (local.get $l) (v128.load64_splat offset=24 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $vp) (local.get $vp)) (v128.const f64x2 0 0))))
    (local.set $p1 (f64x2.max (local.get $v) (local.get $vp)))
    (local.set $t (i32.const 4))
    (loop $bars
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $v (v128.xor (local.get $neg) (v128.load64_lane offset=32 1 (local.get $l) (v128.load64_splat offset=32 (local.get $h)))))
      (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
      (local.set $pt (f64x2.max (local.get $vp) (local.get $v)))
      (local.set $m (f64x2.max (f64x2.max (local.get $pt) (local.get $p2))
        (v128.xor (local.get $neg) (v128.load64_lane 1 (local.get $l) (v128.load64_splat (local.get $h))))))
      (local.set $p2 (local.get $p1))
      (local.set $p1 (local.get $pt))
      (local.set $vp (local.get $v))
      (local.set $hi (f64x2.extract_lane 0 (local.get $m)))
      (local.set $lo (f64.neg (f64x2.extract_lane 1 (local.get $m))))
      (local.set $diff (f64.div (f64.sub (local.get $hi) (local.get $lo)) (f64.const 100)))
      (local.set $k (select (f64.const 0)
        (f64.div (f64.sub (f64.load offset=32 (local.get $c)) (local.get $lo)) (local.get $diff))
        (f64.eq (local.get $diff) (f64.const 0))))
      (local.set $sumK (f64.add (local.get $sumK) (local.get $k)))
      (if (i32.ge_u (local.get $t) (i32.const 6)) (then
        (local.set $sk (f64.div (local.get $sumK) (f64.const 3)))
        (local.set $sumK (f64.sub (local.get $sumK) (local.get $raw2)))
        (f64.store offset=32 (local.get $ok) (local.get $sk))
        (local.set $sumD (f64.add (local.get $sumD) (local.get $sk)))
        (if (i32.ge_u (local.get $t) (i32.const 8)) (then
          (f64.store offset=32 (local.get $od) (f64.div (local.get $sumD) (f64.const 3)))
          (local.set $sumD (f64.sub (local.get $sumD) (local.get $slow2)))))
        (local.set $slow2 (local.get $slow1))
        (local.set $slow1 (local.get $sk))))
      (local.set $raw2 (local.get $raw1))
      (local.set $raw1 (local.get $k))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $ok (i32.add (local.get $ok) (i32.const 8)))
      (local.set $od (i32.add (local.get $od) (i32.const 8)))
      (br_if $bars (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $n))))
    (i64x2.all_true (local.get $good)))

  ;; STOCHF with an SMA over dp > 1 bars (fastKSmaInto): %K into $ok from bar 4, %D into $od from
  ;; bar dp + 3, the %K the sum drops read back from $ok; n >= dp + 4.
  (func (export "stochf5") (param $h i32) (param $l i32) (param $c i32) (param $ok i32) (param $od i32) (param $n i32) (param $dp i32) (result i32)
    (local $t i32) (local $neg v128) (local $good v128) (local $v v128) (local $vp v128) (local $p1 v128) (local $p2 v128)
    (local $m v128) (local $pt v128) (local $hi f64) (local $lo f64) (local $diff f64) (local $k f64) (local $sk f64)
    (local $sum f64) (local $dpf f64) (local $start i32) (local $back i32)
    (local.set $neg (v128.const i64x2 0 0x8000000000000000))
    (local.set $dpf (f64.convert_i32_s (local.get $dp)))
    (local.set $start (i32.add (local.get $dp) (i32.const 3)))
    ;; the %K the sum drops at bar t is bar t - dp + 1's: $back bytes behind bar t's cell
    (local.set $back (i32.shl (i32.sub (local.get $dp) (i32.const 1)) (i32.const 3)))
    (local.set $good (v128.const i64x2 -1 -1))
    ;; bars 0..3: v[1..3], P[2] = max(v1, v2), P[3] = max(v2, v3)
    (local.set $v (v128.xor (local.get $neg) (v128.load64_lane 1 (local.get $l) (v128.load64_splat (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
    (local.set $vp (v128.xor (local.get $neg) (v128.load64_lane offset=8 1 (local.get $l) (v128.load64_splat offset=8 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $vp) (local.get $vp)) (v128.const f64x2 0 0))))
    (local.set $v (v128.xor (local.get $neg) (v128.load64_lane offset=16 1 (local.get $l) (v128.load64_splat offset=16 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
    (local.set $p2 (f64x2.max (local.get $vp) (local.get $v)))
    (local.set $vp (v128.xor (local.get $neg) (v128.load64_lane offset=24 1 (local.get $l) (v128.load64_splat offset=24 (local.get $h)))))
    (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $vp) (local.get $vp)) (v128.const f64x2 0 0))))
    (local.set $p1 (f64x2.max (local.get $v) (local.get $vp)))
    (local.set $t (i32.const 4))
    (loop $bars
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $v (v128.xor (local.get $neg) (v128.load64_lane offset=32 1 (local.get $l) (v128.load64_splat offset=32 (local.get $h)))))
      (local.set $good (v128.and (local.get $good) (f64x2.gt (f64x2.mul (local.get $v) (local.get $v)) (v128.const f64x2 0 0))))
      (local.set $pt (f64x2.max (local.get $vp) (local.get $v)))
      (local.set $m (f64x2.max (f64x2.max (local.get $pt) (local.get $p2))
        (v128.xor (local.get $neg) (v128.load64_lane 1 (local.get $l) (v128.load64_splat (local.get $h))))))
      (local.set $p2 (local.get $p1))
      (local.set $p1 (local.get $pt))
      (local.set $vp (local.get $v))
      (local.set $hi (f64x2.extract_lane 0 (local.get $m)))
      (local.set $lo (f64.neg (f64x2.extract_lane 1 (local.get $m))))
      (local.set $diff (f64.div (f64.sub (local.get $hi) (local.get $lo)) (f64.const 100)))
      (local.set $k (select (f64.const 0)
        (f64.div (f64.sub (f64.load offset=32 (local.get $c)) (local.get $lo)) (local.get $diff))
        (f64.eq (local.get $diff) (f64.const 0))))
      (f64.store offset=32 (local.get $ok) (local.get $k))
      (local.set $sum (f64.add (local.get $sum) (local.get $k)))
      (if (i32.ge_u (local.get $t) (local.get $start)) (then
        (f64.store offset=32 (local.get $od) (f64.div (local.get $sum) (local.get $dpf)))
        (local.set $sum (f64.sub (local.get $sum)
          (f64.load offset=32 (i32.sub (local.get $ok) (local.get $back)))))))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $ok (i32.add (local.get $ok) (i32.const 8)))
      (local.set $od (i32.add (local.get $od) (i32.const 8)))
      (br_if $bars (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $n))))
    (i64x2.all_true (local.get $good)))
)
