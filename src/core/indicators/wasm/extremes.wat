;; Windowed extremes (MAX/MIN values, MIDPRICE, MIDPOINT, WILLR, MINMAX, MINMAXINDEX, AROON,
;; AROONOSC) with f64x2 SIMD, on the series heap's shared memory (series there are used in place,
;; others copied in by extremes.ts).
;;
;; Not TA-Lib's tracker: a doubling ("sparse table") scheme per block of window starts. Level 1
;; holds the extreme of every 2-bar span, each level doubles the span in place
;; (buf[j] = ext(buf[j], buf[j + w])), and the last step joins two overlapping spans of w bars:
;; ext(buf[j], buf[j + p - w]) is the extreme of the p bars from j. About log2(p) vector steps per
;; bar, no data-dependent branch (TA-Lib's tracker and the JavaScript kernels branch on every new
;; extreme and every rescan, mispredicted on price data). From 8-bar windows on, levels 1-3 run in
;; registers in one pass ($span8*). A join keeps the right span when its value is greater (first
;; bar of a tie) or when the left's is not (last bar): that is f64x2.pmax's compare exactly, so the
;; values take pmax (one instruction) and only the indices a bitselect.
;;
;; Minima run as maxima of the negated values (an xor of the sign bit on load and on store): exact.
;;
;; Exactness. Values: the extreme's value is the same whatever order the bars are compared in, except
;; with a NaN (kept or skipped by position) or a zero (-0 vs +0 by position): `vext` reports those
;; inputs (result 0) and the caller runs its JavaScript kernel. Indices: with no NaN, "the first bar of
;; the extreme" (strict compares, a tie keeps the left span's bar) and "the last" (a tie takes the
;; right's) are exact in any order, signed zeros included (they compare equal, as in the trackers).
;; `xidx` reports a NaN (result -1). The first-bar variant is TA-Lib's rescan; its tracker then lets a
;; later bar that equals the extreme take over, which depends on the path: `xidx` lists the bars where
;; that can happen (a bar equal to its window's extreme whose first bar is earlier: 0.1-0.2% of the
;; bars on the bundled prices) and `fix` replays the tracker from each of them until it holds the
;; first bar again.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; Spans of 8 bars straight from src, for periods of 8 bars or more: per pair of bars two loads
  ;; and the three levels' joins in registers, no store between levels. An iteration at bar q makes
  ;; the 2-bar spans at q, the 4-bar spans at q - 2 (with the pair kept from the iteration before)
  ;; and stores the 8-bar spans at q - 6 (with the 4-bar pair from two iterations before), into
  ;; buf + 8 (q - 6): the first three iterations store before buf (the caller leaves 6 doubles
  ;; there). Stores spans j < (pe - buf) / 8. Returns the NaN/zero check of every value loaded as
  ;; an `a` (all but maybe src[n - 1], which the callers check).
  (func $span8v (param $pa i32) (param $buf i32) (param $pe i32) (param $neg v128) (result v128)
    (local $po i32) (local $a v128) (local $b v128) (local $s2 v128) (local $s2p v128) (local $s4 v128)
    (local $s4a v128) (local $s4b v128) (local $ok v128) (local $zero v128)
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $po (i32.sub (local.get $buf) (i32.const 48)))
    (loop $l
      (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
      (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
      (local.set $ok (v128.and (local.get $ok) (f64x2.gt (f64x2.abs (local.get $a)) (local.get $zero))))
      (local.set $s2 (f64x2.pmax (local.get $a) (local.get $b)))
      (local.set $s4 (f64x2.pmax (local.get $s2p) (local.get $s2)))
      (v128.store (local.get $po) (f64x2.pmax (local.get $s4a) (local.get $s4)))
      (local.set $s2p (local.get $s2))
      (local.set $s4a (local.get $s4b))
      (local.set $s4b (local.get $s4))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $po (i32.add (local.get $po) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $po) (local.get $pe))))
    (local.get $ok))

  ;; $span8v with the bar index of the extreme (into ibuf, as buf): the first bar of a tie.
  ;; `sb` is src's bar number at pa. Returns the NaN check.
  (func $span8f (param $pa i32) (param $buf i32) (param $ibuf i32) (param $pe i32) (param $neg v128) (param $sb i32) (result v128)
    (local $po i32) (local $pi i32) (local $a v128) (local $b v128) (local $m v128) (local $ia v128)
    (local $ok v128)
    (local $s2v v128) (local $s2i v128) (local $s2pv v128) (local $s2pi v128) (local $s4v v128) (local $s4i v128)
    (local $s4av v128) (local $s4ai v128) (local $s4bv v128) (local $s4bi v128)
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $ia (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $sb)))
      (f64.convert_i32_s (i32.add (local.get $sb) (i32.const 1)))))
    (local.set $po (i32.sub (local.get $buf) (i32.const 48)))
    (local.set $pi (i32.sub (local.get $ibuf) (i32.const 48)))
    (loop $l
      (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
      (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
      (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $a) (local.get $a))))
      ;; 2 bars: the right one only if greater
      (local.set $m (f64x2.gt (local.get $b) (local.get $a)))
      (local.set $s2v (f64x2.pmax (local.get $a) (local.get $b)))
      (local.set $s2i (v128.bitselect (f64x2.add (local.get $ia) (v128.const f64x2 1 1)) (local.get $ia) (local.get $m)))
      ;; 4 bars from q - 2
      (local.set $m (f64x2.gt (local.get $s2v) (local.get $s2pv)))
      (local.set $s4v (f64x2.pmax (local.get $s2pv) (local.get $s2v)))
      (local.set $s4i (v128.bitselect (local.get $s2i) (local.get $s2pi) (local.get $m)))
      ;; 8 bars from q - 6
      (local.set $m (f64x2.gt (local.get $s4v) (local.get $s4av)))
      (v128.store (local.get $po) (f64x2.pmax (local.get $s4av) (local.get $s4v)))
      (v128.store (local.get $pi) (v128.bitselect (local.get $s4i) (local.get $s4ai) (local.get $m)))
      (local.set $s2pv (local.get $s2v))
      (local.set $s2pi (local.get $s2i))
      (local.set $s4av (local.get $s4bv))
      (local.set $s4ai (local.get $s4bi))
      (local.set $s4bv (local.get $s4v))
      (local.set $s4bi (local.get $s4i))
      (local.set $ia (f64x2.add (local.get $ia) (v128.const f64x2 2 2)))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
      (local.set $po (i32.add (local.get $po) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $po) (local.get $pe))))
    (local.get $ok))

  ;; $span8f with the last bar of a tie (the left span only if greater).
  (func $span8l (param $pa i32) (param $buf i32) (param $ibuf i32) (param $pe i32) (param $neg v128) (param $sb i32) (result v128)
    (local $po i32) (local $pi i32) (local $a v128) (local $b v128) (local $m v128) (local $ia v128)
    (local $ok v128)
    (local $s2v v128) (local $s2i v128) (local $s2pv v128) (local $s2pi v128) (local $s4v v128) (local $s4i v128)
    (local $s4av v128) (local $s4ai v128) (local $s4bv v128) (local $s4bi v128)
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $ia (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $sb)))
      (f64.convert_i32_s (i32.add (local.get $sb) (i32.const 1)))))
    (local.set $po (i32.sub (local.get $buf) (i32.const 48)))
    (local.set $pi (i32.sub (local.get $ibuf) (i32.const 48)))
    (loop $l
      (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
      (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
      (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $a) (local.get $a))))
      (local.set $m (f64x2.gt (local.get $a) (local.get $b)))
      (local.set $s2v (f64x2.pmax (local.get $b) (local.get $a)))
      (local.set $s2i (v128.bitselect (local.get $ia) (f64x2.add (local.get $ia) (v128.const f64x2 1 1)) (local.get $m)))
      (local.set $m (f64x2.gt (local.get $s2pv) (local.get $s2v)))
      (local.set $s4v (f64x2.pmax (local.get $s2v) (local.get $s2pv)))
      (local.set $s4i (v128.bitselect (local.get $s2pi) (local.get $s2i) (local.get $m)))
      (local.set $m (f64x2.gt (local.get $s4av) (local.get $s4v)))
      (v128.store (local.get $po) (f64x2.pmax (local.get $s4v) (local.get $s4av)))
      (v128.store (local.get $pi) (v128.bitselect (local.get $s4ai) (local.get $s4i) (local.get $m)))
      (local.set $s2pv (local.get $s2v))
      (local.set $s2pi (local.get $s2i))
      (local.set $s4av (local.get $s4bv))
      (local.set $s4ai (local.get $s4bi))
      (local.set $s4bv (local.get $s4v))
      (local.set $s4bi (local.get $s4i))
      (local.set $ia (f64x2.add (local.get $ia) (v128.const f64x2 2 2)))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
      (local.set $po (i32.add (local.get $po) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $po) (local.get $pe))))
    (local.get $ok))

  ;; Rolling extreme values. Outputs t in [p-1, n) of dst, from src; blocks of `bsz` window starts
  ;; (even), scratch `buf` of bsz + p + 4 doubles. `neg`: 0 for the max, the sign bit for the min.
  ;; mode 0: dst[t] = ext; mode 1: dst[t] = (dst[t] + ext) / 2 (MIDPRICE/MIDPOINT: dst holds the highs);
  ;; mode 2: WILLR over dst's highs and this pass's lows, with the closes at `aux`.
  ;; Reads up to one double past src[n-1] (and past dst[n-1] and aux in modes 1 and 2; the value is
  ;; not used: the caller only makes sure the memory goes on), writes nothing past dst[n-1]. p >= 2, n >= p.
  ;; Returns 1, or 0 when src holds a NaN or a zero (dst is then partly written: run the JS kernel).
  (func (export "vext") (param $src i32) (param $dst i32) (param $n i32) (param $p i32) (param $buf i32)
    (param $bsz i32) (param $negbits i64) (param $mode i32) (param $aux i32) (result i32)
    (local $sb i32) (local $nstart i32) (local $cnt i32) (local $len i32) (local $w i32)
    (local $pa i32) (local $pb i32) (local $pe i32) (local $po i32) (local $pc i32) (local $off i32)
    (local $neg v128) (local $ok v128) (local $zero v128) (local $a v128) (local $b v128) (local $v v128)
    (local $hh v128) (local $d v128) (local $two v128) (local $m100 v128) (local $four i32) (local $pl i32)
    (local.set $neg (i64x2.splat (local.get $negbits)))
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $two (v128.const f64x2 2 2))
    (local.set $m100 (v128.const f64x2 -100 -100))
    (local.set $nstart (i32.add (i32.sub (local.get $n) (local.get $p)) (i32.const 1)))
    (local.set $sb (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $sb) (local.get $nstart)))
        (local.set $cnt (i32.sub (local.get $nstart) (local.get $sb)))
        (if (i32.gt_s (local.get $cnt) (local.get $bsz)) (then (local.set $cnt (local.get $bsz))))
        (local.set $len (i32.sub (i32.add (local.get $cnt) (local.get $p)) (i32.const 1)))
        (local.set $pa (i32.add (local.get $src) (i32.shl (local.get $sb) (i32.const 3))))
        (if (i32.ge_s (local.get $p) (i32.const 8))
          (then
            ;; spans of 8 straight from src (levels 1-3 in registers)
            (local.set $ok (v128.and (local.get $ok) (call $span8v (local.get $pa) (local.get $buf)
              (i32.add (local.get $buf) (i32.shl (i32.sub (local.get $len) (i32.const 7)) (i32.const 3))) (local.get $neg))))
            (local.set $four (i32.and (i32.gt_s (local.get $p) (i32.const 16)) (i32.le_s (local.get $p) (i32.const 32))))
            (local.set $w (i32.const 8)))
          (else
        ;; level 1: buf[j] = ext(src[sb + j], src[sb + j + 1]), j < len - 1; every src value is
        ;; loaded as an `a` once, and checked there
        (local.set $pb (local.get $buf))
        (local.set $pe (i32.add (local.get $buf) (i32.shl (i32.sub (local.get $len) (i32.const 1)) (i32.const 3))))
        (loop $l1
          (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
          (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
          (local.set $ok (v128.and (local.get $ok) (f64x2.gt (f64x2.abs (local.get $a)) (local.get $zero))))
          (v128.store (local.get $pb) (f64x2.pmax (local.get $a) (local.get $b)))
          (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
          (br_if $l1 (i32.lt_u (local.get $pb) (local.get $pe))))
        (local.set $w (i32.const 2))))
        ;; doubling: span w -> 2w while 2w < p, in place (buf[j + w] is read before it is written);
        ;; not for 17..32 bars, whose last step joins four spans of 8
        (block $lvdone
          (loop $levels
            (br_if $lvdone (i32.or (local.get $four) (i32.ge_s (i32.shl (local.get $w) (i32.const 1)) (local.get $p))))
            (local.set $off (i32.shl (local.get $w) (i32.const 3)))
            (local.set $pb (local.get $buf))
            (local.set $pe (i32.add (local.get $buf)
              (i32.shl (i32.add (i32.sub (local.get $len) (i32.shl (local.get $w) (i32.const 1))) (i32.const 1)) (i32.const 3))))
            (loop $lv
              (v128.store (local.get $pb)
                (f64x2.pmax (v128.load (local.get $pb)) (v128.load (i32.add (local.get $pb) (local.get $off)))))
              (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
              (br_if $lv (i32.lt_u (local.get $pb) (local.get $pe))))
            (local.set $w (i32.shl (local.get $w) (i32.const 1)))
            (br $levels)))
        ;; last step: the p bars from j are spans [j, j + w) and [j + p - w, j + p), or with `four`
        ;; [j, j + 16) and [j + p - 16, j + p), each two spans of 8
        (local.set $off (i32.shl (i32.sub (local.get $p) (select (i32.const 16) (local.get $w) (local.get $four))) (i32.const 3)))
        (local.set $pb (local.get $buf))
        (local.set $pe (i32.add (local.get $buf) (i32.shl (local.get $cnt) (i32.const 3))))
        ;; from $pl on (an odd count's last bar) only the low lane is stored: nothing past dst[n - 1]
        (local.set $pl (i32.sub (local.get $pe) (i32.const 8)))
        (local.set $po (i32.add (local.get $dst)
          (i32.shl (i32.sub (i32.add (local.get $sb) (local.get $p)) (i32.const 1)) (i32.const 3))))
        (if (i32.eqz (local.get $mode))
          (then
            (loop $f0
              (local.set $v (v128.xor (local.get $neg)
                (if (result v128) (local.get $four)
                  (then (f64x2.pmax
                    (f64x2.pmax (v128.load (local.get $pb)) (v128.load offset=64 (local.get $pb)))
                    (f64x2.pmax (v128.load (i32.add (local.get $pb) (local.get $off)))
                      (v128.load offset=64 (i32.add (local.get $pb) (local.get $off))))))
                  (else (f64x2.pmax (v128.load (local.get $pb)) (v128.load (i32.add (local.get $pb) (local.get $off))))))))
              (if (i32.lt_u (local.get $pb) (local.get $pl)) (then (v128.store (local.get $po) (local.get $v))) (else (v128.store64_lane 0 (local.get $po) (local.get $v))))
              (local.set $po (i32.add (local.get $po) (i32.const 16)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
              (br_if $f0 (i32.lt_u (local.get $pb) (local.get $pe)))))
          (else (if (i32.eq (local.get $mode) (i32.const 1))
            (then
              (loop $f1
                (local.set $v (v128.xor (local.get $neg)
                  (if (result v128) (local.get $four)
                  (then (f64x2.pmax
                    (f64x2.pmax (v128.load (local.get $pb)) (v128.load offset=64 (local.get $pb)))
                    (f64x2.pmax (v128.load (i32.add (local.get $pb) (local.get $off)))
                      (v128.load offset=64 (i32.add (local.get $pb) (local.get $off))))))
                  (else (f64x2.pmax (v128.load (local.get $pb)) (v128.load (i32.add (local.get $pb) (local.get $off))))))))
                (local.set $v (f64x2.div (f64x2.add (v128.load (local.get $po)) (local.get $v)) (local.get $two)))
                (if (i32.lt_u (local.get $pb) (local.get $pl)) (then (v128.store (local.get $po) (local.get $v))) (else (v128.store64_lane 0 (local.get $po) (local.get $v))))
                (local.set $po (i32.add (local.get $po) (i32.const 16)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
                (br_if $f1 (i32.lt_u (local.get $pb) (local.get $pe)))))
            (else
              ;; WILLR: diff = (hh - ll) / -100; diff != 0 ? (hh - close) / diff : 0
              (local.set $pc (i32.add (local.get $aux) (i32.sub (local.get $po) (local.get $dst))))
              (loop $f2
                (local.set $v (v128.xor (local.get $neg)
                  (if (result v128) (local.get $four)
                  (then (f64x2.pmax
                    (f64x2.pmax (v128.load (local.get $pb)) (v128.load offset=64 (local.get $pb)))
                    (f64x2.pmax (v128.load (i32.add (local.get $pb) (local.get $off)))
                      (v128.load offset=64 (i32.add (local.get $pb) (local.get $off))))))
                  (else (f64x2.pmax (v128.load (local.get $pb)) (v128.load (i32.add (local.get $pb) (local.get $off))))))))
                (local.set $hh (v128.load (local.get $po)))
                (local.set $d (f64x2.div (f64x2.sub (local.get $hh) (local.get $v)) (local.get $m100)))
                (local.set $v (v128.bitselect
                  (f64x2.div (f64x2.sub (local.get $hh) (v128.load (local.get $pc))) (local.get $d))
                  (local.get $zero)
                  (f64x2.ne (local.get $d) (local.get $zero))))
                (if (i32.lt_u (local.get $pb) (local.get $pl)) (then (v128.store (local.get $po) (local.get $v))) (else (v128.store64_lane 0 (local.get $po) (local.get $v))))
                (local.set $po (i32.add (local.get $po) (i32.const 16)))
                (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
                (br_if $f2 (i32.lt_u (local.get $pb) (local.get $pe))))))))
        (local.set $sb (i32.add (local.get $sb) (local.get $bsz)))
        (br $blocks)))
    ;; level 1's `a` loads miss src[n - 1] when n - sb is odd in the last block
    (i32.and (i64x2.all_true (local.get $ok))
      (f64.gt (f64.abs (f64.load (i32.add (local.get $src) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3)))))
        (f64.const 0))))

  ;; Rolling extreme's bar index: outputs t in [p-1, n) of dst (as f64), from src; value scratch
  ;; `buf` and index scratch `ibuf`, bsz + p + 4 doubles each. `last` 0: the first bar of the extreme,
  ;; and the bars where TA-Lib's tracker may hold a later one are listed at `ev` (i32, one entry per
  ;; pair of outputs, the pair's first t; room for n / 2 + 2) for `fix`; 1: the last bar (AROON).
  ;; mode 0: dst[t] = index; 1: dst[t] = factor * (fp - (t - index)) (an Aroon line, fp = period);
  ;; 2: dst[t] = factor * (dst[t] - index) (AROONOSC: dst holds the high's index).
  ;; Returns the number of `ev` entries, or -1 when src holds a NaN.
  (func (export "xidx") (param $src i32) (param $dst i32) (param $n i32) (param $p i32) (param $buf i32)
    (param $ibuf i32) (param $bsz i32) (param $negbits i64) (param $last i32) (param $ev i32)
    (param $mode i32) (param $fp f64) (param $factor f64) (result i32)
    (local $sb i32) (local $nstart i32) (local $cnt i32) (local $len i32) (local $w i32) (local $nev i32)
    (local $pa i32) (local $pb i32) (local $pi i32) (local $pe i32) (local $po i32) (local $px i32) (local $off i32) (local $t i32)
    (local $neg v128) (local $ok v128) (local $a v128) (local $b v128) (local $m v128)
    (local $ia v128) (local $v v128) (local $i v128) (local $tv v128) (local $one v128) (local $two v128)
    (local $vf v128) (local $vfac v128) (local $r v128) (local $pl i32)
    (local.set $neg (i64x2.splat (local.get $negbits)))
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $one (v128.const f64x2 1 1))
    (local.set $two (v128.const f64x2 2 2))
    (local.set $vf (f64x2.splat (local.get $fp)))
    (local.set $vfac (f64x2.splat (local.get $factor)))
    (local.set $nstart (i32.add (i32.sub (local.get $n) (local.get $p)) (i32.const 1)))
    (local.set $sb (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $sb) (local.get $nstart)))
        (local.set $cnt (i32.sub (local.get $nstart) (local.get $sb)))
        (if (i32.gt_s (local.get $cnt) (local.get $bsz)) (then (local.set $cnt (local.get $bsz))))
        (local.set $len (i32.sub (i32.add (local.get $cnt) (local.get $p)) (i32.const 1)))
        (local.set $pa (i32.add (local.get $src) (i32.shl (local.get $sb) (i32.const 3))))
        (if (i32.ge_s (local.get $p) (i32.const 8))
          (then
            (local.set $pe (i32.add (local.get $buf) (i32.shl (i32.sub (local.get $len) (i32.const 7)) (i32.const 3))))
            (if (local.get $last)
              (then (local.set $ok (v128.and (local.get $ok)
                (call $span8l (local.get $pa) (local.get $buf) (local.get $ibuf) (local.get $pe) (local.get $neg) (local.get $sb)))))
              (else (local.set $ok (v128.and (local.get $ok)
                (call $span8f (local.get $pa) (local.get $buf) (local.get $ibuf) (local.get $pe) (local.get $neg) (local.get $sb))))))
            (local.set $w (i32.const 8)))
          (else
        ;; level 1
        (local.set $pb (local.get $buf))
        (local.set $pi (local.get $ibuf))
        (local.set $pe (i32.add (local.get $buf) (i32.shl (i32.sub (local.get $len) (i32.const 1)) (i32.const 3))))
        (local.set $ia (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $sb)))
          (f64.convert_i32_s (i32.add (local.get $sb) (i32.const 1)))))
        (if (local.get $last)
          (then
            (loop $l1l
              (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
              (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
              (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $a) (local.get $a))))
              (local.set $m (f64x2.gt (local.get $a) (local.get $b)))
              (v128.store (local.get $pb) (f64x2.pmax (local.get $b) (local.get $a)))
              (v128.store (local.get $pi) (v128.bitselect (local.get $ia) (f64x2.add (local.get $ia) (local.get $one)) (local.get $m)))
              (local.set $ia (f64x2.add (local.get $ia) (local.get $two)))
              (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
              (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
              (br_if $l1l (i32.lt_u (local.get $pb) (local.get $pe)))))
          (else
            (loop $l1f
              (local.set $a (v128.xor (v128.load (local.get $pa)) (local.get $neg)))
              (local.set $b (v128.xor (v128.load offset=8 (local.get $pa)) (local.get $neg)))
              (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $a) (local.get $a))))
              (local.set $m (f64x2.gt (local.get $b) (local.get $a)))
              (v128.store (local.get $pb) (f64x2.pmax (local.get $a) (local.get $b)))
              (v128.store (local.get $pi) (v128.bitselect (f64x2.add (local.get $ia) (local.get $one)) (local.get $ia) (local.get $m)))
              (local.set $ia (f64x2.add (local.get $ia) (local.get $two)))
              (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
              (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
              (br_if $l1f (i32.lt_u (local.get $pb) (local.get $pe))))))
        (local.set $w (i32.const 2))))
        ;; doubling
        (block $lvdone
          (loop $levels
            (br_if $lvdone (i32.gt_s (i32.shl (local.get $w) (i32.const 1)) (local.get $p)))
            (local.set $off (i32.shl (local.get $w) (i32.const 3)))
            (local.set $pb (local.get $buf))
            (local.set $pi (local.get $ibuf))
            (local.set $pe (i32.add (local.get $buf)
              (i32.shl (i32.add (i32.sub (local.get $len) (i32.shl (local.get $w) (i32.const 1))) (i32.const 1)) (i32.const 3))))
            (if (local.get $last)
              (then
                (loop $lvl
                  (local.set $a (v128.load (local.get $pb)))
                  (local.set $b (v128.load (i32.add (local.get $pb) (local.get $off))))
                  (local.set $m (f64x2.gt (local.get $a) (local.get $b)))
                  (v128.store (local.get $pb) (f64x2.pmax (local.get $b) (local.get $a)))
                  (v128.store (local.get $pi) (v128.bitselect (v128.load (local.get $pi))
                    (v128.load (i32.add (local.get $pi) (local.get $off))) (local.get $m)))
                  (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
                  (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
                  (br_if $lvl (i32.lt_u (local.get $pb) (local.get $pe)))))
              (else
                (loop $lvf
                  (local.set $a (v128.load (local.get $pb)))
                  (local.set $b (v128.load (i32.add (local.get $pb) (local.get $off))))
                  (local.set $m (f64x2.gt (local.get $b) (local.get $a)))
                  (v128.store (local.get $pb) (f64x2.pmax (local.get $a) (local.get $b)))
                  (v128.store (local.get $pi) (v128.bitselect (v128.load (i32.add (local.get $pi) (local.get $off)))
                    (v128.load (local.get $pi)) (local.get $m)))
                  (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
                  (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
                  (br_if $lvf (i32.lt_u (local.get $pb) (local.get $pe))))))
            (local.set $w (i32.shl (local.get $w) (i32.const 1)))
            (br $levels)))
        ;; last step, then the output
        (local.set $off (i32.shl (i32.sub (local.get $p) (local.get $w)) (i32.const 3)))
        (local.set $pb (local.get $buf))
        (local.set $pi (local.get $ibuf))
        (local.set $pe (i32.add (local.get $buf) (i32.shl (local.get $cnt) (i32.const 3))))
        (local.set $pl (i32.sub (local.get $pe) (i32.const 8))) ;; as vext's
        (local.set $t (i32.sub (i32.add (local.get $sb) (local.get $p)) (i32.const 1)))
        (local.set $po (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $px (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $tv (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $t)))
          (f64.convert_i32_s (i32.add (local.get $t) (i32.const 1)))))
        (loop $fin
          (local.set $a (v128.load (local.get $pb)))
          (local.set $b (v128.load (i32.add (local.get $pb) (local.get $off))))
          (if (local.get $last)
            (then
              (local.set $m (f64x2.gt (local.get $a) (local.get $b)))
              (local.set $i (v128.bitselect (v128.load (local.get $pi))
                (v128.load (i32.add (local.get $pi) (local.get $off))) (local.get $m))))
            (else
              (local.set $m (f64x2.gt (local.get $b) (local.get $a)))
              (local.set $v (f64x2.pmax (local.get $a) (local.get $b)))
              (local.set $i (v128.bitselect (v128.load (i32.add (local.get $pi) (local.get $off)))
                (v128.load (local.get $pi)) (local.get $m)))
              ;; a bar equal to its window's extreme, whose first bar is earlier: the tracker takes it
              (if (v128.any_true (v128.and
                    (f64x2.eq (v128.xor (v128.load (local.get $px)) (local.get $neg)) (local.get $v))
                    (f64x2.ne (local.get $i) (local.get $tv))))
                (then
                  (i32.store (i32.add (local.get $ev) (i32.shl (local.get $nev) (i32.const 2))) (local.get $t))
                  (local.set $nev (i32.add (local.get $nev) (i32.const 1)))))))
          (if (i32.eqz (local.get $mode))
            (then (local.set $r (local.get $i)))
            (else (if (i32.eq (local.get $mode) (i32.const 1))
              (then (local.set $r (f64x2.mul (local.get $vfac)
                (f64x2.sub (local.get $vf) (f64x2.sub (local.get $tv) (local.get $i))))))
              (else (local.set $r (f64x2.mul (local.get $vfac)
                (f64x2.sub (v128.load (local.get $po)) (local.get $i))))))))
          (if (i32.lt_u (local.get $pb) (local.get $pl)) (then (v128.store (local.get $po) (local.get $r))) (else (v128.store64_lane 0 (local.get $po) (local.get $r))))
          (local.set $tv (f64x2.add (local.get $tv) (local.get $two)))
          (local.set $t (i32.add (local.get $t) (i32.const 2)))
          (local.set $po (i32.add (local.get $po) (i32.const 16)))
          (local.set $px (i32.add (local.get $px) (i32.const 16)))
          (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
          (br_if $fin (i32.lt_u (local.get $pb) (local.get $pe))))
        (local.set $sb (i32.add (local.get $sb) (local.get $bsz)))
        (br $blocks)))
    (local.set $a (f64x2.splat (f64.load (i32.add (local.get $src) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3))))))
    (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $a) (local.get $a))))
    (if (result i32) (i64x2.all_true (local.get $ok)) (then (local.get $nev)) (else (i32.const -1))))

  ;; TA-Lib's tracker over the first-bar indices `xidx` wrote (mode 0, last 0): from each listed bar
  ;; that can differ, step the tracker (rescan when its bar leaves the window: the first bar, which
  ;; dst holds; else a bar >= its extreme takes over) until it holds the first bar again, from which
  ;; on the first bar is the tracker's until the next listed bar. `sign` 1 for the max, -1 for the min.
  (func (export "fix") (param $src i32) (param $dst i32) (param $n i32) (param $p i32) (param $sign f64)
    (param $ev i32) (param $nev i32)
    (local $k i32) (local $t i32) (local $t0 i32) (local $resume i32) (local $f i32) (local $h i32)
    (local.set $k (i32.const 0))
    (block $done
      (loop $events
        (br_if $done (i32.ge_s (local.get $k) (local.get $nev)))
        (local.set $t0 (i32.load (i32.add (local.get $ev) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $t (local.get $t0))
        (block $pairdone
          (loop $pair
            (br_if $pairdone (i32.gt_s (local.get $t) (i32.add (local.get $t0) (i32.const 1))))
            (br_if $pairdone (i32.ge_s (local.get $t) (local.get $n)))
            (if (i32.ge_s (local.get $t) (local.get $resume))
              (then
                (local.set $f (i32.trunc_f64_s (f64.load (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))))))
                (if (i32.and
                      (f64.eq (f64.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3))))
                              (f64.load (i32.add (local.get $src) (i32.shl (local.get $f) (i32.const 3)))))
                      (i32.ne (local.get $f) (local.get $t)))
                  (then
                    (local.set $h (i32.const -1))
                    (if (i32.ge_s (local.get $t) (local.get $p))
                      (then (local.set $h (i32.trunc_f64_s (f64.load (i32.sub
                        (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))) (i32.const 8)))))))
                    (block $synced
                      (loop $track
                        (local.set $f (i32.trunc_f64_s (f64.load (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))))))
                        (if (i32.lt_s (local.get $h) (i32.add (i32.sub (local.get $t) (local.get $p)) (i32.const 1)))
                          (then (local.set $h (local.get $f)))
                          (else (if (f64.ge
                                (f64.mul (local.get $sign) (f64.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3)))))
                                (f64.mul (local.get $sign) (f64.load (i32.add (local.get $src) (i32.shl (local.get $h) (i32.const 3))))))
                            (then (local.set $h (local.get $t))))))
                        (f64.store (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))) (f64.convert_i32_s (local.get $h)))
                        (local.set $t (i32.add (local.get $t) (i32.const 1)))
                        (br_if $synced (i32.eq (local.get $h) (local.get $f)))
                        (br_if $track (i32.lt_s (local.get $t) (local.get $n)))))
                    (local.set $resume (local.get $t))
                    ;; t is past the bar that resynced: look at the pair's other bar only if not passed
                    (local.set $t (i32.sub (local.get $t) (i32.const 1)))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $pair)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $events))))
)
