;; T3 (overlap/t3.ts t3Into from bar 0) on series in the series heap's shared memory (heap.ts).
;;
;; The same doubles as the JavaScript kernel: every EMA value is k*x + k1*e (two products, then
;; their sum) and the output ((c1*e6 + c2*e5) + c3*e4) + c4*e3, with the seeding (each EMA starts
;; at the mean of its first `period` inputs while the earlier ones keep running) copied loop for
;; loop. What changes is only which values are computed side by side.
;;
;; Why: a bar costs 16 multiplications and 9 additions, all scalar in TA-Lib C and in JavaScript;
;; the multiplications bound the loop (~8 cycles a bar). Here, after the seeding, the six EMAs run
;; as a wavefront over three f64x2 vectors, lane j holding EMA j+1 at bar s - j (s the newest bar):
;;   P = [e1(s), e4(s-3)]   Q = [e2(s-1), e5(s-4)]   R = [e3(s-2), e6(s-5)]
;; Every lane's next value needs its own old value and the old value of the lane before it, which
;; in this pairing is Q for R and P for Q whole, and [x(s+1), R lane 0] for P (one shuffle):
;;   P' = k*[x, R0] + k1*P   Q' = k*P + k1*Q   R' = k*Q + k1*R
;; so the EMAs take 6 vector multiplications a bar instead of 12 scalar ones. Bar s - 5 is complete
;; when R' has e6(s-5): its output takes e5(s-5) from the old Q, and e4(s-5) and e3(s-5) from
;; P and R two and three bars back (kept in scalars). Five bars (prologue, scalar) set up the
;; wavefront after the seeding; five more turns with x = 0 drain it (the values x feeds are of
;; bars >= n and are never stored).
;; At 1M bars, bench reuse mode, CPU clock, median of 3: 2.41-2.64 ms against TA-Lib C's 3.16-3.18 ms
;; (0.76-0.83x) and the JavaScript kernel's 3.43-3.58 ms (its reuse-js column, same runs).
;;
;; Per turn the load of bar s comes before the store of bar s - 5, and the seeding stores bar T
;; after reading bar T only: an output on the input's own cells reads what the JavaScript kernel
;; reads (t3.ts refuses outputs that overlap the input otherwise). Offsets are i32 read as
;; unsigned by loads and stores.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; x, o: byte offsets of the input and the output; n bars; period >= 2 with 6*(period-1) + 9 <= n
  ;; (at least 8 bars after the warm-up); k = 2/(period+1), k1 = 1-k and the vFactor weights c1..c4
  ;; as t3.ts computes them. Writes o[6*(period-1)..n).
  (func (export "t3") (param $x i32) (param $o i32) (param $n i32) (param $period i32)
    (param $k f64) (param $k1 f64) (param $c1 f64) (param $c2 f64) (param $c3 f64) (param $c4 f64)
    (local $i i32) (local $pe i32) (local $acc f64) (local $per f64)
    (local $e1 f64) (local $e2 f64) (local $e3 f64) (local $e4 f64) (local $e5 f64) (local $e6 f64)
    (local $a3 f64) (local $b3 f64) (local $a4 f64)
    (local $d4a f64) (local $d4b f64) (local $d3a f64) (local $d3b f64) (local $d3c f64)
    (local $P v128) (local $Q v128) (local $R v128) (local $kv v128) (local $k1v v128) (local $S v128)
    (local $Qo v128)
    (local.set $per (f64.convert_i32_s (local.get $period)))
    ;; ---------------------------------------------------------------- seeding (as t3Into)
    (local.set $acc (f64.load (local.get $x)))
    (local.set $x (i32.add (local.get $x) (i32.const 8)))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s0
      (local.set $acc (f64.add (local.get $acc) (f64.load (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s0 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e1 (f64.div (local.get $acc) (local.get $per)))
    (local.set $acc (local.get $e1))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s1
      (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
      (local.set $acc (f64.add (local.get $acc) (local.get $e1)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s1 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e2 (f64.div (local.get $acc) (local.get $per)))
    (local.set $acc (local.get $e2))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s2
      (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
      (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
      (local.set $acc (f64.add (local.get $acc) (local.get $e2)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s2 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e3 (f64.div (local.get $acc) (local.get $per)))
    (local.set $acc (local.get $e3))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s3
      (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
      (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
      (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
      (local.set $acc (f64.add (local.get $acc) (local.get $e3)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s3 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e4 (f64.div (local.get $acc) (local.get $per)))
    (local.set $acc (local.get $e4))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s4
      (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
      (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
      (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
      (local.set $e4 (f64.add (f64.mul (local.get $k) (local.get $e3)) (f64.mul (local.get $k1) (local.get $e4))))
      (local.set $acc (f64.add (local.get $acc) (local.get $e4)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s4 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e5 (f64.div (local.get $acc) (local.get $per)))
    (local.set $acc (local.get $e5))
    (local.set $i (i32.sub (local.get $period) (i32.const 1)))
    (loop $s5
      (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
      (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
      (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
      (local.set $e4 (f64.add (f64.mul (local.get $k) (local.get $e3)) (f64.mul (local.get $k1) (local.get $e4))))
      (local.set $e5 (f64.add (f64.mul (local.get $k) (local.get $e4)) (f64.mul (local.get $k1) (local.get $e5))))
      (local.set $acc (f64.add (local.get $acc) (local.get $e5)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $s5 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $e6 (f64.div (local.get $acc) (local.get $per)))
    ;; $x at bar T + 1 (T = 6*(period-1), the first output); $o to bar T
    (local.set $o (i32.add (local.get $o) (i32.mul (i32.sub (local.get $period) (i32.const 1)) (i32.const 48))))
    (f64.store (local.get $o)
      (f64.add (f64.add (f64.add (f64.mul (local.get $c1) (local.get $e6)) (f64.mul (local.get $c2) (local.get $e5)))
        (f64.mul (local.get $c3) (local.get $e4))) (f64.mul (local.get $c4) (local.get $e3))))
    (local.set $o (i32.add (local.get $o) (i32.const 8)))
    ;; ---------------------------------------------------------------- prologue: bars T+1..T+5
    ;; T+1: e1..e5
    (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
    (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
    (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
    (local.set $e4 (f64.add (f64.mul (local.get $k) (local.get $e3)) (f64.mul (local.get $k1) (local.get $e4))))
    (local.set $e5 (f64.add (f64.mul (local.get $k) (local.get $e4)) (f64.mul (local.get $k1) (local.get $e5))))
    (local.set $a3 (local.get $e3))
    (local.set $a4 (local.get $e4))
    ;; T+2: e1..e4
    (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load offset=8 (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
    (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
    (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
    (local.set $e4 (f64.add (f64.mul (local.get $k) (local.get $e3)) (f64.mul (local.get $k1) (local.get $e4))))
    (local.set $b3 (local.get $e3))
    ;; T+3: e1..e3
    (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load offset=16 (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
    (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
    (local.set $e3 (f64.add (f64.mul (local.get $k) (local.get $e2)) (f64.mul (local.get $k1) (local.get $e3))))
    ;; T+4: e1, e2
    (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load offset=24 (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
    (local.set $e2 (f64.add (f64.mul (local.get $k) (local.get $e1)) (f64.mul (local.get $k1) (local.get $e2))))
    ;; T+5: e1
    (local.set $e1 (f64.add (f64.mul (local.get $k) (f64.load offset=32 (local.get $x))) (f64.mul (local.get $k1) (local.get $e1))))
    (local.set $x (i32.add (local.get $x) (i32.const 40)))
    ;; s = T+5: P = [e1(s), e4(s-3)], Q = [e2(s-1), e5(s-4)], R = [e3(s-2), e6(s-5)]
    (local.set $P (f64x2.replace_lane 1 (f64x2.splat (local.get $e1)) (local.get $e4)))
    (local.set $Q (f64x2.replace_lane 1 (f64x2.splat (local.get $e2)) (local.get $e5)))
    (local.set $R (f64x2.replace_lane 1 (f64x2.splat (local.get $e3)) (local.get $e6)))
    ;; the delayed scalars at the start of turn s+1: e4(s-4), e4(s-3); e3(s-4), e3(s-3), e3(s-2)
    (local.set $d4b (local.get $a4))
    (local.set $d4a (local.get $e4))
    (local.set $d3c (local.get $a3))
    (local.set $d3b (local.get $b3))
    (local.set $d3a (local.get $e3))
    (local.set $kv (f64x2.splat (local.get $k)))
    (local.set $k1v (f64x2.splat (local.get $k1)))
    (local.set $pe (i32.add (local.get $x) (i32.shl (i32.sub (local.get $n) (i32.add (i32.mul (i32.sub (local.get $period) (i32.const 1)) (i32.const 6)) (i32.const 6))) (i32.const 3))))
    ;; ---------------------------------------------------------------- wavefront: bars T+6..n-1, then 5 drain turns
    (local.set $i (i32.const 5))
    (block $end
      (loop $w
        (if (i32.eq (local.get $x) (local.get $pe))
          (then
            (br_if $end (i32.eqz (local.get $i)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (local.set $S (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f64x2.splat (f64.const 0)) (local.get $R))))
          (else
            (local.set $S (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (v128.load64_zero (local.get $x)) (local.get $R)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))))
        (local.set $Qo (local.get $Q))
        (local.set $R (f64x2.add (f64x2.mul (local.get $kv) (local.get $Q)) (f64x2.mul (local.get $k1v) (local.get $R))))
        (local.set $Q (f64x2.add (f64x2.mul (local.get $kv) (local.get $P)) (f64x2.mul (local.get $k1v) (local.get $Q))))
        (local.set $P (f64x2.add (f64x2.mul (local.get $kv) (local.get $S)) (f64x2.mul (local.get $k1v) (local.get $P))))
        ;; bar s-5 (s the new bar): e6 from R', e5 from the old Q, e4 and e3 from the delays
        (f64.store (local.get $o)
          (f64.add (f64.add (f64.add
            (f64.mul (local.get $c1) (f64x2.extract_lane 1 (local.get $R)))
            (f64.mul (local.get $c2) (f64x2.extract_lane 1 (local.get $Qo))))
            (f64.mul (local.get $c3) (local.get $d4b)))
            (f64.mul (local.get $c4) (local.get $d3c))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $d4b (local.get $d4a))
        (local.set $d4a (f64x2.extract_lane 1 (local.get $P)))
        (local.set $d3c (local.get $d3b))
        (local.set $d3b (local.get $d3a))
        (local.set $d3a (f64x2.extract_lane 0 (local.get $R)))
        (br $w))))
)
