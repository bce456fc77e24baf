;; The parabolic SAR loop of SAR and SAREXT (overlap/sar.ts) on series in the series heap's shared
;; memory (heap.ts), from bar 1 on; the JavaScript caller has set up the first position, its SAR and
;; extreme point, and written bar 0.
;;
;; The same state machine as the JavaScript kernel, operation for operation (same doubles, same
;; order, no FMA), with one change of form: the new-extreme update of a bar,
;;   if (newHigh > ep) { ep = newHigh; af += acc; if (af > max) af = max; }
;; (newLow < ep while short) is computed without a branch. That branch is taken on ~20% of the bars
;; of real candles in no pattern the predictor learns, and the CPU stalled on each miss (TA-Lib C
;; and the JavaScript kernel both branch there). Here the compare makes a lane mask, ep takes
;; f64x2.pmax (pmin), whose compare is the `if`'s exactly (a < b ? b : a: the other operand kept on a
;; NaN, no -0/+0 ordering), and af the capped sum or itself by that mask (v128.bitselect); the cap
;; `if (af > max) af = max` is f64x2.pmin, also exact. The values only use lane 0 of the vectors.
;; The SAR clamps keep their branches: taken on 2-4% of bars, they predict well, and as
;; f64x2.pmin/pmax they put two more operations on the loop's dependency chain (measured slower).
;; At 1M bars, CPU time (min of 31 calls, load ~5): 4.3-4.4 ms against TA-Lib C's 5.2-5.4 ms and the
;; JavaScript kernel's 6.3-6.6 ms; with the branch kept, 5.4-5.6 ms.
;;
;; Per bar the loads of high and low come before the store of the output, as in the JavaScript
;; loop, so an output over an input's cells (the same cells or shifted) reads what the JavaScript
;; kernel reads. Offsets are i32 read as unsigned by loads and stores; the loop ends on equality
;; with the end offset, which stays right if that wraps at 4 GiB.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; h, l, o: byte offsets of high, low and the output; n >= 2 bars; long: 1 to start long, 0 short;
  ;; ep, sar: the extreme point and SAR the loop starts with; the accelerations already capped at
  ;; their maxima; offset: SAREXT's offset on reverse (0 for SAR); abs: 1 stores |SAR| (SAR), 0 the
  ;; signed value (SAREXT: 0 - SAR while short). Writes o[1..n-1].
  (func (export "sar") (param $h i32) (param $l i32) (param $o i32) (param $n i32) (param $long i32)
    (param $ep f64) (param $sar f64) (param $initLong f64) (param $accLong f64) (param $maxLong f64)
    (param $initShort f64) (param $accShort f64) (param $maxShort f64) (param $offset f64) (param $abs i32)
    (local $ph i32) (local $pl i32) (local $po i32) (local $pe i32)
    (local $newLow f64) (local $newHigh f64) (local $prevLow f64) (local $prevHigh f64)
    (local $afLong f64) (local $afShort f64) (local $m v128)
    (local.set $ph (i32.add (local.get $h) (i32.const 8)))
    (local.set $pl (i32.add (local.get $l) (i32.const 8)))
    (local.set $po (i32.add (local.get $o) (i32.const 8)))
    (local.set $pe (i32.add (local.get $h) (i32.shl (local.get $n) (i32.const 3))))
    ;; bar 1 is also the "previous" bar of the first turn, as in TA-Lib
    (local.set $newLow (f64.load (local.get $pl)))
    (local.set $newHigh (f64.load (local.get $ph)))
    (local.set $afLong (local.get $initLong))
    (local.set $afShort (local.get $initShort))
    (block $end
      (loop $top
        (block $short
          (br_if $short (i32.eqz (local.get $long)))
          ;; ------------------------------------------------------------------------ long
          (loop $L
            (br_if $end (i32.eq (local.get $ph) (local.get $pe)))
            (local.set $prevLow (local.get $newLow))
            (local.set $prevHigh (local.get $newHigh))
            (local.set $newLow (f64.load (local.get $pl)))
            (local.set $newHigh (f64.load (local.get $ph)))
            (if (f64.le (local.get $newLow) (local.get $sar)) (then
              ;; reversal to short
              (local.set $sar (local.get $ep))
              (if (f64.lt (local.get $sar) (local.get $prevHigh)) (then (local.set $sar (local.get $prevHigh))))
              (if (f64.lt (local.get $sar) (local.get $newHigh)) (then (local.set $sar (local.get $newHigh))))
              (if (f64.ne (local.get $offset) (f64.const 0)) (then
                (local.set $sar (f64.add (local.get $sar) (f64.mul (local.get $sar) (local.get $offset))))))
              (if (local.get $abs)
                (then (f64.store (local.get $po) (f64.abs (local.get $sar))))
                (else (f64.store (local.get $po) (f64.sub (f64.const 0) (local.get $sar)))))
              (local.set $afShort (local.get $initShort))
              (local.set $ep (local.get $newLow))
              (local.set $sar (f64.add (local.get $sar) (f64.mul (local.get $afShort) (f64.sub (local.get $ep) (local.get $sar)))))
              (if (f64.lt (local.get $sar) (local.get $prevHigh)) (then (local.set $sar (local.get $prevHigh))))
              (if (f64.lt (local.get $sar) (local.get $newHigh)) (then (local.set $sar (local.get $newHigh))))
              (local.set $ph (i32.add (local.get $ph) (i32.const 8)))
              (local.set $pl (i32.add (local.get $pl) (i32.const 8)))
              (local.set $po (i32.add (local.get $po) (i32.const 8)))
              (br $short)))
            (if (local.get $abs)
              (then (f64.store (local.get $po) (f64.abs (local.get $sar))))
              (else (f64.store (local.get $po) (local.get $sar))))
            ;; if (newHigh > ep) { ep = newHigh; afLong += accLong; if (afLong > maxLong) afLong = maxLong; }
            (local.set $m (f64x2.gt (f64x2.splat (local.get $newHigh)) (f64x2.splat (local.get $ep))))
            (local.set $ep (f64x2.extract_lane 0 (f64x2.pmax (f64x2.splat (local.get $ep)) (f64x2.splat (local.get $newHigh)))))
            (local.set $afLong (f64x2.extract_lane 0 (v128.bitselect
              (f64x2.pmin (f64x2.splat (f64.add (local.get $afLong) (local.get $accLong))) (f64x2.splat (local.get $maxLong)))
              (f64x2.splat (local.get $afLong))
              (local.get $m))))
            (local.set $sar (f64.add (local.get $sar) (f64.mul (local.get $afLong) (f64.sub (local.get $ep) (local.get $sar)))))
            (if (f64.gt (local.get $sar) (local.get $prevLow)) (then (local.set $sar (local.get $prevLow))))
            (if (f64.gt (local.get $sar) (local.get $newLow)) (then (local.set $sar (local.get $newLow))))
            (local.set $ph (i32.add (local.get $ph) (i32.const 8)))
            (local.set $pl (i32.add (local.get $pl) (i32.const 8)))
            (local.set $po (i32.add (local.get $po) (i32.const 8)))
            (br $L)))
        ;; -------------------------------------------------------------------------- short
        ;; a reversal to long enters $top, which reads $long
        (local.set $long (i32.const 1))
        (loop $S
          (br_if $end (i32.eq (local.get $ph) (local.get $pe)))
          (local.set $prevLow (local.get $newLow))
          (local.set $prevHigh (local.get $newHigh))
          (local.set $newLow (f64.load (local.get $pl)))
          (local.set $newHigh (f64.load (local.get $ph)))
          (if (f64.ge (local.get $newHigh) (local.get $sar)) (then
            ;; reversal to long
            (local.set $sar (local.get $ep))
            (if (f64.gt (local.get $sar) (local.get $prevLow)) (then (local.set $sar (local.get $prevLow))))
            (if (f64.gt (local.get $sar) (local.get $newLow)) (then (local.set $sar (local.get $newLow))))
            (if (f64.ne (local.get $offset) (f64.const 0)) (then
              (local.set $sar (f64.sub (local.get $sar) (f64.mul (local.get $sar) (local.get $offset))))))
            (if (local.get $abs)
              (then (f64.store (local.get $po) (f64.abs (local.get $sar))))
              (else (f64.store (local.get $po) (local.get $sar))))
            (local.set $afLong (local.get $initLong))
            (local.set $ep (local.get $newHigh))
            (local.set $sar (f64.add (local.get $sar) (f64.mul (local.get $afLong) (f64.sub (local.get $ep) (local.get $sar)))))
            (if (f64.gt (local.get $sar) (local.get $prevLow)) (then (local.set $sar (local.get $prevLow))))
            (if (f64.gt (local.get $sar) (local.get $newLow)) (then (local.set $sar (local.get $newLow))))
            (local.set $ph (i32.add (local.get $ph) (i32.const 8)))
            (local.set $pl (i32.add (local.get $pl) (i32.const 8)))
            (local.set $po (i32.add (local.get $po) (i32.const 8)))
            (br $top)))
          (if (local.get $abs)
            (then (f64.store (local.get $po) (f64.abs (local.get $sar))))
            (else (f64.store (local.get $po) (f64.sub (f64.const 0) (local.get $sar)))))
          ;; if (newLow < ep) { ep = newLow; afShort += accShort; if (afShort > maxShort) afShort = maxShort; }
          (local.set $m (f64x2.lt (f64x2.splat (local.get $newLow)) (f64x2.splat (local.get $ep))))
          (local.set $ep (f64x2.extract_lane 0 (f64x2.pmin (f64x2.splat (local.get $ep)) (f64x2.splat (local.get $newLow)))))
          (local.set $afShort (f64x2.extract_lane 0 (v128.bitselect
            (f64x2.pmin (f64x2.splat (f64.add (local.get $afShort) (local.get $accShort))) (f64x2.splat (local.get $maxShort)))
            (f64x2.splat (local.get $afShort))
            (local.get $m))))
          (local.set $sar (f64.add (local.get $sar) (f64.mul (local.get $afShort) (f64.sub (local.get $ep) (local.get $sar)))))
          (if (f64.lt (local.get $sar) (local.get $prevHigh)) (then (local.set $sar (local.get $prevHigh))))
          (if (f64.lt (local.get $sar) (local.get $newHigh)) (then (local.set $sar (local.get $newHigh))))
          (local.set $ph (i32.add (local.get $ph) (i32.const 8)))
          (local.set $pl (i32.add (local.get $pl) (i32.const 8)))
          (local.set $po (i32.add (local.get $po) (i32.const 8)))
          (br $S))))))
