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
)
