;; Candlestick pattern kernels (patterns/*.ts) on series in the series heap (heap.ts), two bars
;; per f64x2 operation. Arguments are byte offsets of whole series (bar 0) in the heap's memory, the
;; first output bar, the bar count, the settings' periods and factors and the running totals as the
;; JavaScript kernel starts them (sumHighLow over the bars before `start`, in index order); the
;; caller (candles.ts) checks that every series lies in the heap, has the output's length and does
;; not overlap the output. The JavaScript kernels stay the reference and the fallback.
;;
;; Why: a JavaScript loop reloads each typed array's map, length and data pointer and checks the
;; index on every access (TurboFan hoists none of it out of the loop), which kept CDLDOJI at
;; 1.2x TA-Lib C's time however unrolled (its arithmetic alone, the division included, was ~5% of
;; it) and CDLRICKSHAWMAN at ~25 cycles a bar; here a bar is a few loads and the arithmetic.
;;
;; Exactness: every value is computed with the JavaScript kernel's operations on the same operands
;; in the same order (IEEE-754 add, sub, mul, div, abs and the comparisons are the same in wasm;
;; x * f and f * x are the same double, and (h - l) / 2 is written (h - l) * 0.5: a power-of-two
;; scaling is one correctly rounded operation either way). The running totals stay scalar, bar after
;; bar: total(i + 1) = total(i) + ((h[i] - l[i]) - (h[i - p] - l[i - p])), as the JavaScript kernel
;; adds. A test that is 0 or 1 there (`+(a <= b)`) is a lane mask here, and `100 * mask` is the
;; mask and-ed with 100.0: 100 or +0, as `100 * 0` is +0 in JavaScript. A colour test selects the
;; operand (v128.bitselect) where the JavaScript kernel selects the comparison; the comparison is
;; made on the same value either way, NaN included (c >= o false: the black candle's operands).
;;
;; Loops: eight bars (four vectors) per turn, then the last bars one at a time through the same
;; vector code with both lanes loaded with the bar (v128.load64_splat) and lane 0 stored. Each main
;; loop turn starts with `(local.set $p (local.get $p))` for its pointers: a no-op for V8's
;; optimising compiler, which lets Liftoff (its first tier, which runs a kernel's first calls)
;; keep them in registers for the turn (see elementwise.wat). Offsets are read as unsigned.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; ---------------------------------------------------------------- CDLDOJI
  ;; out[i] = |c - o| <= f * (t / p) ? 100 : 0, then t += (h - l) - (h[i - p] - l[i - p]).
  (func (export "doji") (param $o i32) (param $h i32) (param $l i32) (param $c i32) (param $out i32)
    (param $i i32) (param $n i32) (param $p i32) (param $f f64) (param $t f64)
    (local $qh i32) (local $ql i32) (local $k i32) (local $x f64)
    (local $d v128) (local $Tt v128) (local $fv v128) (local $pv v128) (local $hundred v128)
    (local.set $fv (f64x2.splat (local.get $f)))
    (local.set $pv (f64x2.splat (f64.convert_i32_s (local.get $p))))
    (local.set $hundred (v128.const f64x2 100 100))
    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $h (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $l (i32.add (local.get $l) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $c (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $out (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $qh (i32.sub (local.get $h) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $ql (i32.sub (local.get $l) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $k (i32.shr_u (i32.sub (local.get $n) (local.get $i)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (local.set $o (local.get $o))
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $out (local.get $out))
      (local.set $qh (local.get $qh))
      (local.set $ql (local.get $ql))
      ;; bars at +0
      (local.set $d (f64x2.sub
        (f64x2.sub (v128.load (local.get $h)) (v128.load (local.get $l)))
        (f64x2.sub (v128.load (local.get $qh)) (v128.load (local.get $ql)))))
      (local.set $x (f64.add (local.get $t) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Tt (f64x2.replace_lane 1 (f64x2.splat (local.get $t)) (local.get $x)))
      (local.set $t (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (v128.store (local.get $out) (v128.and (local.get $hundred)
        (f64x2.le (f64x2.abs (f64x2.sub (v128.load (local.get $c)) (v128.load (local.get $o))))
          (f64x2.mul (local.get $fv) (f64x2.div (local.get $Tt) (local.get $pv))))))
      ;; bars at +2
      (local.set $d (f64x2.sub
        (f64x2.sub (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l)))
        (f64x2.sub (v128.load offset=16 (local.get $qh)) (v128.load offset=16 (local.get $ql)))))
      (local.set $x (f64.add (local.get $t) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Tt (f64x2.replace_lane 1 (f64x2.splat (local.get $t)) (local.get $x)))
      (local.set $t (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (v128.store offset=16 (local.get $out) (v128.and (local.get $hundred)
        (f64x2.le (f64x2.abs (f64x2.sub (v128.load offset=16 (local.get $c)) (v128.load offset=16 (local.get $o))))
          (f64x2.mul (local.get $fv) (f64x2.div (local.get $Tt) (local.get $pv))))))
      ;; bars at +4
      (local.set $d (f64x2.sub
        (f64x2.sub (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l)))
        (f64x2.sub (v128.load offset=32 (local.get $qh)) (v128.load offset=32 (local.get $ql)))))
      (local.set $x (f64.add (local.get $t) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Tt (f64x2.replace_lane 1 (f64x2.splat (local.get $t)) (local.get $x)))
      (local.set $t (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (v128.store offset=32 (local.get $out) (v128.and (local.get $hundred)
        (f64x2.le (f64x2.abs (f64x2.sub (v128.load offset=32 (local.get $c)) (v128.load offset=32 (local.get $o))))
          (f64x2.mul (local.get $fv) (f64x2.div (local.get $Tt) (local.get $pv))))))
      ;; bars at +6
      (local.set $d (f64x2.sub
        (f64x2.sub (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l)))
        (f64x2.sub (v128.load offset=48 (local.get $qh)) (v128.load offset=48 (local.get $ql)))))
      (local.set $x (f64.add (local.get $t) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Tt (f64x2.replace_lane 1 (f64x2.splat (local.get $t)) (local.get $x)))
      (local.set $t (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (v128.store offset=48 (local.get $out) (v128.and (local.get $hundred)
        (f64x2.le (f64x2.abs (f64x2.sub (v128.load offset=48 (local.get $c)) (v128.load offset=48 (local.get $o))))
          (f64x2.mul (local.get $fv) (f64x2.div (local.get $Tt) (local.get $pv))))))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $qh (i32.add (local.get $qh) (i32.const 64)))
      (local.set $ql (i32.add (local.get $ql) (i32.const 64)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.sub (local.get $n) (local.get $i)) (i32.const 7)))
    (if (local.get $k) (then (loop $s
      ;; bars at +0
      (local.set $d (f64x2.sub
        (f64x2.sub (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l)))
        (f64x2.sub (v128.load64_splat (local.get $qh)) (v128.load64_splat (local.get $ql)))))
      (local.set $Tt (f64x2.splat (local.get $t)))
      (local.set $t (f64.add (local.get $t) (f64x2.extract_lane 0 (local.get $d))))
      (v128.store64_lane 0 (local.get $out) (v128.and (local.get $hundred)
        (f64x2.le (f64x2.abs (f64x2.sub (v128.load64_splat (local.get $c)) (v128.load64_splat (local.get $o))))
          (f64x2.mul (local.get $fv) (f64x2.div (local.get $Tt) (local.get $pv))))))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $qh (i32.add (local.get $qh) (i32.const 8)))
      (local.set $ql (i32.add (local.get $ql) (i32.const 8)))
      (br_if $s (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))

  ;; ---------------------------------------------------------------- CDLRICKSHAWMAN
  ;; Doji (BodyDoji: period pd, factor fd, total td), both shadows longer than fl * |c - o|
  ;; (ShadowLong, period 0), body within Near (pn, fn, tn) of the range's middle.
  (func (export "rickshaw") (param $o i32) (param $h i32) (param $l i32) (param $c i32) (param $out i32)
    (param $i i32) (param $n i32) (param $pd i32) (param $fd f64) (param $td f64) (param $fl f64)
    (param $pn i32) (param $fn f64) (param $tn f64)
    (local $qhd i32) (local $qld i32) (local $qhn i32) (local $qln i32) (local $k i32) (local $x f64)
    (local $d v128) (local $Ttd v128) (local $Ttn v128) (local $fdv v128) (local $pdv v128) (local $fnv v128) (local $pnv v128)
    (local $flv v128) (local $hundred v128)
    (local $ov v128) (local $hv v128) (local $lv v128) (local $cv v128) (local $hl v128) (local $rb v128) (local $al v128)
    (local $w v128) (local $bot v128) (local $top v128) (local $an v128) (local $mid v128)
    (local.set $fdv (f64x2.splat (local.get $fd)))
    (local.set $pdv (f64x2.splat (f64.convert_i32_s (local.get $pd))))
    (local.set $fnv (f64x2.splat (local.get $fn)))
    (local.set $pnv (f64x2.splat (f64.convert_i32_s (local.get $pn))))
    (local.set $flv (f64x2.splat (local.get $fl)))
    (local.set $hundred (v128.const f64x2 100 100))
    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $h (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $l (i32.add (local.get $l) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $c (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $out (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $qhd (i32.sub (local.get $h) (i32.shl (local.get $pd) (i32.const 3))))
    (local.set $qld (i32.sub (local.get $l) (i32.shl (local.get $pd) (i32.const 3))))
    (local.set $qhn (i32.sub (local.get $h) (i32.shl (local.get $pn) (i32.const 3))))
    (local.set $qln (i32.sub (local.get $l) (i32.shl (local.get $pn) (i32.const 3))))
    (local.set $k (i32.shr_u (i32.sub (local.get $n) (local.get $i)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (local.set $o (local.get $o))
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $out (local.get $out))
      (local.set $qhd (local.get $qhd))
      (local.set $qld (local.get $qld))
      (local.set $qhn (local.get $qhn))
      (local.set $qln (local.get $qln))
      ;; bars at +0
      (local.set $ov (v128.load (local.get $o)))
      (local.set $hv (v128.load (local.get $h)))
      (local.set $lv (v128.load (local.get $l)))
      (local.set $cv (v128.load (local.get $c)))
      (local.set $hl (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load (local.get $qhd)) (v128.load (local.get $qld)))))
      (local.set $x (f64.add (local.get $td) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttd (f64x2.replace_lane 1 (f64x2.splat (local.get $td)) (local.get $x)))
      (local.set $td (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load (local.get $qhn)) (v128.load (local.get $qln)))))
      (local.set $x (f64.add (local.get $tn) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttn (f64x2.replace_lane 1 (f64x2.splat (local.get $tn)) (local.get $x)))
      (local.set $tn (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $rb (f64x2.abs (f64x2.sub (local.get $cv) (local.get $ov))))
      (local.set $al (f64x2.mul (local.get $flv) (local.get $rb)))
      ;; white (c >= o): bottom o, top c; else bottom c, top o
      (local.set $w (f64x2.ge (local.get $cv) (local.get $ov)))
      (local.set $bot (v128.bitselect (local.get $ov) (local.get $cv) (local.get $w)))
      (local.set $top (v128.bitselect (local.get $cv) (local.get $ov) (local.get $w)))
      (local.set $an (f64x2.mul (local.get $fnv) (f64x2.div (local.get $Ttn) (local.get $pnv))))
      (local.set $mid (f64x2.add (local.get $lv) (f64x2.mul (local.get $hl) (v128.const f64x2 0.5 0.5))))
      (v128.store (local.get $out) (v128.and (local.get $hundred) (v128.and (v128.and
        (f64x2.le (local.get $rb) (f64x2.mul (local.get $fdv) (f64x2.div (local.get $Ttd) (local.get $pdv))))
        (v128.and
          (f64x2.gt (f64x2.sub (local.get $bot) (local.get $lv)) (local.get $al))
          (f64x2.gt (f64x2.sub (local.get $hv) (local.get $top)) (local.get $al))))
        (v128.and
          (f64x2.le (local.get $bot) (f64x2.add (local.get $mid) (local.get $an)))
          (f64x2.ge (local.get $top) (f64x2.sub (local.get $mid) (local.get $an)))))))
      ;; bars at +2
      (local.set $ov (v128.load offset=16 (local.get $o)))
      (local.set $hv (v128.load offset=16 (local.get $h)))
      (local.set $lv (v128.load offset=16 (local.get $l)))
      (local.set $cv (v128.load offset=16 (local.get $c)))
      (local.set $hl (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=16 (local.get $qhd)) (v128.load offset=16 (local.get $qld)))))
      (local.set $x (f64.add (local.get $td) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttd (f64x2.replace_lane 1 (f64x2.splat (local.get $td)) (local.get $x)))
      (local.set $td (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=16 (local.get $qhn)) (v128.load offset=16 (local.get $qln)))))
      (local.set $x (f64.add (local.get $tn) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttn (f64x2.replace_lane 1 (f64x2.splat (local.get $tn)) (local.get $x)))
      (local.set $tn (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $rb (f64x2.abs (f64x2.sub (local.get $cv) (local.get $ov))))
      (local.set $al (f64x2.mul (local.get $flv) (local.get $rb)))
      ;; white (c >= o): bottom o, top c; else bottom c, top o
      (local.set $w (f64x2.ge (local.get $cv) (local.get $ov)))
      (local.set $bot (v128.bitselect (local.get $ov) (local.get $cv) (local.get $w)))
      (local.set $top (v128.bitselect (local.get $cv) (local.get $ov) (local.get $w)))
      (local.set $an (f64x2.mul (local.get $fnv) (f64x2.div (local.get $Ttn) (local.get $pnv))))
      (local.set $mid (f64x2.add (local.get $lv) (f64x2.mul (local.get $hl) (v128.const f64x2 0.5 0.5))))
      (v128.store offset=16 (local.get $out) (v128.and (local.get $hundred) (v128.and (v128.and
        (f64x2.le (local.get $rb) (f64x2.mul (local.get $fdv) (f64x2.div (local.get $Ttd) (local.get $pdv))))
        (v128.and
          (f64x2.gt (f64x2.sub (local.get $bot) (local.get $lv)) (local.get $al))
          (f64x2.gt (f64x2.sub (local.get $hv) (local.get $top)) (local.get $al))))
        (v128.and
          (f64x2.le (local.get $bot) (f64x2.add (local.get $mid) (local.get $an)))
          (f64x2.ge (local.get $top) (f64x2.sub (local.get $mid) (local.get $an)))))))
      ;; bars at +4
      (local.set $ov (v128.load offset=32 (local.get $o)))
      (local.set $hv (v128.load offset=32 (local.get $h)))
      (local.set $lv (v128.load offset=32 (local.get $l)))
      (local.set $cv (v128.load offset=32 (local.get $c)))
      (local.set $hl (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=32 (local.get $qhd)) (v128.load offset=32 (local.get $qld)))))
      (local.set $x (f64.add (local.get $td) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttd (f64x2.replace_lane 1 (f64x2.splat (local.get $td)) (local.get $x)))
      (local.set $td (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=32 (local.get $qhn)) (v128.load offset=32 (local.get $qln)))))
      (local.set $x (f64.add (local.get $tn) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttn (f64x2.replace_lane 1 (f64x2.splat (local.get $tn)) (local.get $x)))
      (local.set $tn (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $rb (f64x2.abs (f64x2.sub (local.get $cv) (local.get $ov))))
      (local.set $al (f64x2.mul (local.get $flv) (local.get $rb)))
      ;; white (c >= o): bottom o, top c; else bottom c, top o
      (local.set $w (f64x2.ge (local.get $cv) (local.get $ov)))
      (local.set $bot (v128.bitselect (local.get $ov) (local.get $cv) (local.get $w)))
      (local.set $top (v128.bitselect (local.get $cv) (local.get $ov) (local.get $w)))
      (local.set $an (f64x2.mul (local.get $fnv) (f64x2.div (local.get $Ttn) (local.get $pnv))))
      (local.set $mid (f64x2.add (local.get $lv) (f64x2.mul (local.get $hl) (v128.const f64x2 0.5 0.5))))
      (v128.store offset=32 (local.get $out) (v128.and (local.get $hundred) (v128.and (v128.and
        (f64x2.le (local.get $rb) (f64x2.mul (local.get $fdv) (f64x2.div (local.get $Ttd) (local.get $pdv))))
        (v128.and
          (f64x2.gt (f64x2.sub (local.get $bot) (local.get $lv)) (local.get $al))
          (f64x2.gt (f64x2.sub (local.get $hv) (local.get $top)) (local.get $al))))
        (v128.and
          (f64x2.le (local.get $bot) (f64x2.add (local.get $mid) (local.get $an)))
          (f64x2.ge (local.get $top) (f64x2.sub (local.get $mid) (local.get $an)))))))
      ;; bars at +6
      (local.set $ov (v128.load offset=48 (local.get $o)))
      (local.set $hv (v128.load offset=48 (local.get $h)))
      (local.set $lv (v128.load offset=48 (local.get $l)))
      (local.set $cv (v128.load offset=48 (local.get $c)))
      (local.set $hl (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=48 (local.get $qhd)) (v128.load offset=48 (local.get $qld)))))
      (local.set $x (f64.add (local.get $td) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttd (f64x2.replace_lane 1 (f64x2.splat (local.get $td)) (local.get $x)))
      (local.set $td (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load offset=48 (local.get $qhn)) (v128.load offset=48 (local.get $qln)))))
      (local.set $x (f64.add (local.get $tn) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $Ttn (f64x2.replace_lane 1 (f64x2.splat (local.get $tn)) (local.get $x)))
      (local.set $tn (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $d))))
      (local.set $rb (f64x2.abs (f64x2.sub (local.get $cv) (local.get $ov))))
      (local.set $al (f64x2.mul (local.get $flv) (local.get $rb)))
      ;; white (c >= o): bottom o, top c; else bottom c, top o
      (local.set $w (f64x2.ge (local.get $cv) (local.get $ov)))
      (local.set $bot (v128.bitselect (local.get $ov) (local.get $cv) (local.get $w)))
      (local.set $top (v128.bitselect (local.get $cv) (local.get $ov) (local.get $w)))
      (local.set $an (f64x2.mul (local.get $fnv) (f64x2.div (local.get $Ttn) (local.get $pnv))))
      (local.set $mid (f64x2.add (local.get $lv) (f64x2.mul (local.get $hl) (v128.const f64x2 0.5 0.5))))
      (v128.store offset=48 (local.get $out) (v128.and (local.get $hundred) (v128.and (v128.and
        (f64x2.le (local.get $rb) (f64x2.mul (local.get $fdv) (f64x2.div (local.get $Ttd) (local.get $pdv))))
        (v128.and
          (f64x2.gt (f64x2.sub (local.get $bot) (local.get $lv)) (local.get $al))
          (f64x2.gt (f64x2.sub (local.get $hv) (local.get $top)) (local.get $al))))
        (v128.and
          (f64x2.le (local.get $bot) (f64x2.add (local.get $mid) (local.get $an)))
          (f64x2.ge (local.get $top) (f64x2.sub (local.get $mid) (local.get $an)))))))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $qhd (i32.add (local.get $qhd) (i32.const 64)))
      (local.set $qld (i32.add (local.get $qld) (i32.const 64)))
      (local.set $qhn (i32.add (local.get $qhn) (i32.const 64)))
      (local.set $qln (i32.add (local.get $qln) (i32.const 64)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.sub (local.get $n) (local.get $i)) (i32.const 7)))
    (if (local.get $k) (then (loop $s
      ;; bars at +0
      (local.set $ov (v128.load64_splat (local.get $o)))
      (local.set $hv (v128.load64_splat (local.get $h)))
      (local.set $lv (v128.load64_splat (local.get $l)))
      (local.set $cv (v128.load64_splat (local.get $c)))
      (local.set $hl (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load64_splat (local.get $qhd)) (v128.load64_splat (local.get $qld)))))
      (local.set $Ttd (f64x2.splat (local.get $td)))
      (local.set $td (f64.add (local.get $td) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $d (f64x2.sub (local.get $hl) (f64x2.sub (v128.load64_splat (local.get $qhn)) (v128.load64_splat (local.get $qln)))))
      (local.set $Ttn (f64x2.splat (local.get $tn)))
      (local.set $tn (f64.add (local.get $tn) (f64x2.extract_lane 0 (local.get $d))))
      (local.set $rb (f64x2.abs (f64x2.sub (local.get $cv) (local.get $ov))))
      (local.set $al (f64x2.mul (local.get $flv) (local.get $rb)))
      ;; white (c >= o): bottom o, top c; else bottom c, top o
      (local.set $w (f64x2.ge (local.get $cv) (local.get $ov)))
      (local.set $bot (v128.bitselect (local.get $ov) (local.get $cv) (local.get $w)))
      (local.set $top (v128.bitselect (local.get $cv) (local.get $ov) (local.get $w)))
      (local.set $an (f64x2.mul (local.get $fnv) (f64x2.div (local.get $Ttn) (local.get $pnv))))
      (local.set $mid (f64x2.add (local.get $lv) (f64x2.mul (local.get $hl) (v128.const f64x2 0.5 0.5))))
      (v128.store64_lane 0 (local.get $out) (v128.and (local.get $hundred) (v128.and (v128.and
        (f64x2.le (local.get $rb) (f64x2.mul (local.get $fdv) (f64x2.div (local.get $Ttd) (local.get $pdv))))
        (v128.and
          (f64x2.gt (f64x2.sub (local.get $bot) (local.get $lv)) (local.get $al))
          (f64x2.gt (f64x2.sub (local.get $hv) (local.get $top)) (local.get $al))))
        (v128.and
          (f64x2.le (local.get $bot) (f64x2.add (local.get $mid) (local.get $an)))
          (f64x2.ge (local.get $top) (f64x2.sub (local.get $mid) (local.get $an)))))))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $qhd (i32.add (local.get $qhd) (i32.const 8)))
      (local.set $qld (i32.add (local.get $qld) (i32.const 8)))
      (local.set $qhn (i32.add (local.get $qhn) (i32.const 8)))
      (local.set $qln (i32.add (local.get $qln) (i32.const 8)))
      (br_if $s (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))
)
