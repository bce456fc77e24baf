;; Element-wise kernels on series in the series heap (heap.ts), two bars per f64x2 operation.
;; Arguments are byte offsets into the heap's memory and bar counts; the caller (elementwise.ts)
;; checks that every series lies in the heap, has the length and is either the output itself or
;; apart from it. Each bar's value is computed with the JavaScript kernel's operations on the same
;; operands in the same order (IEEE-754 add, sub, mul, div, abs are the same in wasm), so the
;; results are the same doubles; NaN payloads may differ, which no caller can observe but by bits.
;; x / 2 and x / 4 are written x * 0.5 and x * 0.25: scaling by a power of two is one correctly
;; rounded operation either way, so the same double (subnormals included).
;; Loops: sixteen bars (eight vectors) per turn, eight bars where a bar costs a division or more
;; (ROC family, BOP, TRANGE); then two bars per turn; then an odd last bar through the same vector
;; code with both lanes loaded with it (v128.load64_splat) and lane 0 stored. Every turn pays V8's
;; loop stack check, the pointer increments and the branch: at 1M bars on heap arrays (min of 100
;; calls) MOM took 0.28-0.29 ms with two vectors per turn, 0.17-0.19 with eight; BOP 0.81 -> 0.74,
;; TRANGE 0.72 -> 0.62 with four; the rest are bound by memory (ADD, MEDPRICE, AVGPRICE: no change
;; from two to sixteen vectors, nor from loading a turn's inputs before its stores) or by the
;; division (DIV, TYPPRICE, ROC). Each main loop turn starts with `(local.set $p (local.get $p))` for
;; its pointers: a no-op for V8's optimising compiler, but Liftoff (its first tier, which runs a
;; kernel's first calls until the optimised code is ready: 3-4 calls of 1M bars at load 7) then
;; keeps the pointers in registers for the turn instead of reloading each from the stack at every
;; access: under Liftoff MOM 0.33 -> 0.24 ms, MEDPRICE 0.51 -> 0.38, AVGPRICE 0.76 -> 0.68, WCLPRICE
;; 0.67 -> 0.60, ADD 0.41 -> 0.38 (TRANGE, whose turn holds three more vectors, left as it was).
;; Offsets are i32 but read as unsigned by loads and stores (offset= immediates included), so
;; memories above 2 GiB work.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; ---------------------------------------------------------------- binary: out = a op b
  (func (export "add") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.add (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (v128.store offset=32 (local.get $o) (f64x2.add (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b))))
      (v128.store offset=48 (local.get $o) (f64x2.add (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b))))
      (v128.store offset=64 (local.get $o) (f64x2.add (v128.load offset=64 (local.get $a)) (v128.load offset=64 (local.get $b))))
      (v128.store offset=80 (local.get $o) (f64x2.add (v128.load offset=80 (local.get $a)) (v128.load offset=80 (local.get $b))))
      (v128.store offset=96 (local.get $o) (f64x2.add (v128.load offset=96 (local.get $a)) (v128.load offset=96 (local.get $b))))
      (v128.store offset=112 (local.get $o) (f64x2.add (v128.load offset=112 (local.get $a)) (v128.load offset=112 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 128)))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.add (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.add (v128.load64_splat (local.get $a)) (v128.load64_splat (local.get $b)))))))

  ;; also MOM: out[i] = real[i] - real[i - period], i.e. a = real + period, b = real
  (func (export "sub") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $o) (f64x2.sub (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (v128.store offset=32 (local.get $o) (f64x2.sub (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b))))
      (v128.store offset=48 (local.get $o) (f64x2.sub (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b))))
      (v128.store offset=64 (local.get $o) (f64x2.sub (v128.load offset=64 (local.get $a)) (v128.load offset=64 (local.get $b))))
      (v128.store offset=80 (local.get $o) (f64x2.sub (v128.load offset=80 (local.get $a)) (v128.load offset=80 (local.get $b))))
      (v128.store offset=96 (local.get $o) (f64x2.sub (v128.load offset=96 (local.get $a)) (v128.load offset=96 (local.get $b))))
      (v128.store offset=112 (local.get $o) (f64x2.sub (v128.load offset=112 (local.get $a)) (v128.load offset=112 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 128)))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.sub (v128.load64_splat (local.get $a)) (v128.load64_splat (local.get $b)))))))

  (func (export "mul") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $o) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (v128.store offset=32 (local.get $o) (f64x2.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b))))
      (v128.store offset=48 (local.get $o) (f64x2.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b))))
      (v128.store offset=64 (local.get $o) (f64x2.mul (v128.load offset=64 (local.get $a)) (v128.load offset=64 (local.get $b))))
      (v128.store offset=80 (local.get $o) (f64x2.mul (v128.load offset=80 (local.get $a)) (v128.load offset=80 (local.get $b))))
      (v128.store offset=96 (local.get $o) (f64x2.mul (v128.load offset=96 (local.get $a)) (v128.load offset=96 (local.get $b))))
      (v128.store offset=112 (local.get $o) (f64x2.mul (v128.load offset=112 (local.get $a)) (v128.load offset=112 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 128)))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load64_splat (local.get $b)))))))

  (func (export "div") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.div (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $o) (f64x2.div (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (v128.store offset=32 (local.get $o) (f64x2.div (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b))))
      (v128.store offset=48 (local.get $o) (f64x2.div (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b))))
      (v128.store offset=64 (local.get $o) (f64x2.div (v128.load offset=64 (local.get $a)) (v128.load offset=64 (local.get $b))))
      (v128.store offset=80 (local.get $o) (f64x2.div (v128.load offset=80 (local.get $a)) (v128.load offset=80 (local.get $b))))
      (v128.store offset=96 (local.get $o) (f64x2.div (v128.load offset=96 (local.get $a)) (v128.load offset=96 (local.get $b))))
      (v128.store offset=112 (local.get $o) (f64x2.div (v128.load offset=112 (local.get $a)) (v128.load offset=112 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 128)))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.div (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.div (v128.load64_splat (local.get $a)) (v128.load64_splat (local.get $b)))))))

  ;; ---------------------------------------------------------------- ROC family: a = real + period, b = real
  ;; TA-Lib writes 0 where the earlier value b is 0 (f64x2.ne is true for NaN, as JS's !==).
  ;; ROC: (a / b - 1) * 100
  (func (export "roc") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32) (local $zero v128) (local $one v128) (local $hundred v128) (local $y v128)
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $one (v128.const f64x2 1 1))
    (local.set $hundred (v128.const f64x2 100 100))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=16 (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load offset=16 (local.get $a)) (local.tee $y (v128.load offset=16 (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=32 (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load offset=32 (local.get $a)) (local.tee $y (v128.load offset=32 (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=48 (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load offset=48 (local.get $a)) (local.tee $y (v128.load offset=48 (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 64)))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (v128.and (f64x2.mul (f64x2.sub (f64x2.div (v128.load64_splat (local.get $a)) (local.tee $y (v128.load64_splat (local.get $b)))) (local.get $one)) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero)))))))

  ;; ROCP: (a - b) / b
  (func (export "rocp") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32) (local $zero v128) (local $y v128)
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=16 (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load offset=16 (local.get $a)) (local.tee $y (v128.load offset=16 (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=32 (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load offset=32 (local.get $a)) (local.tee $y (v128.load offset=32 (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=48 (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load offset=48 (local.get $a)) (local.tee $y (v128.load offset=48 (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 64)))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (v128.and (f64x2.div (f64x2.sub (v128.load64_splat (local.get $a)) (local.tee $y (v128.load64_splat (local.get $b)))) (local.get $y)) (f64x2.ne (local.get $y) (local.get $zero)))))))

  ;; ROCR: a / b
  (func (export "rocr") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32) (local $zero v128) (local $y v128)
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (v128.and (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=16 (local.get $o) (v128.and (f64x2.div (v128.load offset=16 (local.get $a)) (local.tee $y (v128.load offset=16 (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=32 (local.get $o) (v128.and (f64x2.div (v128.load offset=32 (local.get $a)) (local.tee $y (v128.load offset=32 (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=48 (local.get $o) (v128.and (f64x2.div (v128.load offset=48 (local.get $a)) (local.tee $y (v128.load offset=48 (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 64)))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (v128.and (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (v128.and (f64x2.div (v128.load64_splat (local.get $a)) (local.tee $y (v128.load64_splat (local.get $b)))) (f64x2.ne (local.get $y) (local.get $zero)))))))

  ;; ROCR100: (a / b) * 100
  (func (export "rocr100") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $k i32) (local $zero v128) (local $hundred v128) (local $y v128)
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $hundred (v128.const f64x2 100 100))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (local.set $a (local.get $a))
      (local.set $b (local.get $b))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=16 (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load offset=16 (local.get $a)) (local.tee $y (v128.load offset=16 (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=32 (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load offset=32 (local.get $a)) (local.tee $y (v128.load offset=32 (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (v128.store offset=48 (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load offset=48 (local.get $a)) (local.tee $y (v128.load offset=48 (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 64)))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load (local.get $a)) (local.tee $y (v128.load (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (v128.and (f64x2.mul (f64x2.div (v128.load64_splat (local.get $a)) (local.tee $y (v128.load64_splat (local.get $b)))) (local.get $hundred)) (f64x2.ne (local.get $y) (local.get $zero)))))))

  ;; ---------------------------------------------------------------- price transforms
  ;; (high + low) / 2
  (func (export "medprice") (param $h i32) (param $l i32) (param $o i32) (param $n i32)
    (local $k i32) (local $half v128)
    (local.set $half (v128.const f64x2 0.5 0.5))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (local.get $half)))
      (v128.store offset=16 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l))) (local.get $half)))
      (v128.store offset=32 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l))) (local.get $half)))
      (v128.store offset=48 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l))) (local.get $half)))
      (v128.store offset=64 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=64 (local.get $h)) (v128.load offset=64 (local.get $l))) (local.get $half)))
      (v128.store offset=80 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=80 (local.get $h)) (v128.load offset=80 (local.get $l))) (local.get $half)))
      (v128.store offset=96 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=96 (local.get $h)) (v128.load offset=96 (local.get $l))) (local.get $half)))
      (v128.store offset=112 (local.get $o) (f64x2.mul (f64x2.add (v128.load offset=112 (local.get $h)) (v128.load offset=112 (local.get $l))) (local.get $half)))
      (local.set $h (i32.add (local.get $h) (i32.const 128)))
      (local.set $l (i32.add (local.get $l) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (local.get $half)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.mul (f64x2.add (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))) (local.get $half))))))

  ;; (high + low + close) / 3
  (func (export "typprice") (param $h i32) (param $l i32) (param $c i32) (param $o i32) (param $n i32)
    (local $k i32) (local $three v128)
    (local.set $three (v128.const f64x2 3 3))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (v128.load (local.get $c))) (local.get $three)))
      (v128.store offset=16 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l))) (v128.load offset=16 (local.get $c))) (local.get $three)))
      (v128.store offset=32 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l))) (v128.load offset=32 (local.get $c))) (local.get $three)))
      (v128.store offset=48 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l))) (v128.load offset=48 (local.get $c))) (local.get $three)))
      (v128.store offset=64 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=64 (local.get $h)) (v128.load offset=64 (local.get $l))) (v128.load offset=64 (local.get $c))) (local.get $three)))
      (v128.store offset=80 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=80 (local.get $h)) (v128.load offset=80 (local.get $l))) (v128.load offset=80 (local.get $c))) (local.get $three)))
      (v128.store offset=96 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=96 (local.get $h)) (v128.load offset=96 (local.get $l))) (v128.load offset=96 (local.get $c))) (local.get $three)))
      (v128.store offset=112 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load offset=112 (local.get $h)) (v128.load offset=112 (local.get $l))) (v128.load offset=112 (local.get $c))) (local.get $three)))
      (local.set $h (i32.add (local.get $h) (i32.const 128)))
      (local.set $l (i32.add (local.get $l) (i32.const 128)))
      (local.set $c (i32.add (local.get $c) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (v128.load (local.get $c))) (local.get $three)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.div (f64x2.add (f64x2.add (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))) (v128.load64_splat (local.get $c))) (local.get $three))))))

  ;; (high + low + close * 2) / 4
  (func (export "wclprice") (param $h i32) (param $l i32) (param $c i32) (param $o i32) (param $n i32)
    (local $k i32) (local $two v128) (local $quarter v128)
    (local.set $two (v128.const f64x2 2 2))
    (local.set $quarter (v128.const f64x2 0.25 0.25))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (f64x2.mul (v128.load (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=16 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l))) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=32 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l))) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=48 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l))) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=64 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=64 (local.get $h)) (v128.load offset=64 (local.get $l))) (f64x2.mul (v128.load offset=64 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=80 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=80 (local.get $h)) (v128.load offset=80 (local.get $l))) (f64x2.mul (v128.load offset=80 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=96 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=96 (local.get $h)) (v128.load offset=96 (local.get $l))) (f64x2.mul (v128.load offset=96 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (v128.store offset=112 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load offset=112 (local.get $h)) (v128.load offset=112 (local.get $l))) (f64x2.mul (v128.load offset=112 (local.get $c)) (local.get $two))) (local.get $quarter)))
      (local.set $h (i32.add (local.get $h) (i32.const 128)))
      (local.set $l (i32.add (local.get $l) (i32.const 128)))
      (local.set $c (i32.add (local.get $c) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (f64x2.mul (v128.load (local.get $c)) (local.get $two))) (local.get $quarter)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))) (f64x2.mul (v128.load64_splat (local.get $c)) (local.get $two))) (local.get $quarter))))))

  ;; (high + low + close + open) / 4, TA-Lib's operand order
  (func (export "avgprice") (param $op i32) (param $h i32) (param $l i32) (param $c i32) (param $o i32) (param $n i32)
    (local $k i32) (local $quarter v128)
    (local.set $quarter (v128.const f64x2 0.25 0.25))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $u
      (local.set $op (local.get $op))
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (v128.load (local.get $c))) (v128.load (local.get $op))) (local.get $quarter)))
      (v128.store offset=16 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l))) (v128.load offset=16 (local.get $c))) (v128.load offset=16 (local.get $op))) (local.get $quarter)))
      (v128.store offset=32 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l))) (v128.load offset=32 (local.get $c))) (v128.load offset=32 (local.get $op))) (local.get $quarter)))
      (v128.store offset=48 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l))) (v128.load offset=48 (local.get $c))) (v128.load offset=48 (local.get $op))) (local.get $quarter)))
      (v128.store offset=64 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=64 (local.get $h)) (v128.load offset=64 (local.get $l))) (v128.load offset=64 (local.get $c))) (v128.load offset=64 (local.get $op))) (local.get $quarter)))
      (v128.store offset=80 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=80 (local.get $h)) (v128.load offset=80 (local.get $l))) (v128.load offset=80 (local.get $c))) (v128.load offset=80 (local.get $op))) (local.get $quarter)))
      (v128.store offset=96 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=96 (local.get $h)) (v128.load offset=96 (local.get $l))) (v128.load offset=96 (local.get $c))) (v128.load offset=96 (local.get $op))) (local.get $quarter)))
      (v128.store offset=112 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load offset=112 (local.get $h)) (v128.load offset=112 (local.get $l))) (v128.load offset=112 (local.get $c))) (v128.load offset=112 (local.get $op))) (local.get $quarter)))
      (local.set $op (i32.add (local.get $op) (i32.const 128)))
      (local.set $h (i32.add (local.get $h) (i32.const 128)))
      (local.set $l (i32.add (local.get $l) (i32.const 128)))
      (local.set $c (i32.add (local.get $c) (i32.const 128)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 7)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load (local.get $h)) (v128.load (local.get $l))) (v128.load (local.get $c))) (v128.load (local.get $op))) (local.get $quarter)))
      (local.set $op (i32.add (local.get $op) (i32.const 16)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))) (v128.load64_splat (local.get $c))) (v128.load64_splat (local.get $op))) (local.get $quarter))))))

  ;; ---------------------------------------------------------------- BOP
  ;; range = high - low; range < 1e-14 ? 0 : (close - open) / range (lt is false for NaN, as JS's <)
  (func (export "bop") (param $op i32) (param $h i32) (param $l i32) (param $c i32) (param $o i32) (param $n i32)
    (local $k i32) (local $eps v128) (local $r v128)
    (local.set $eps (v128.const f64x2 1e-14 1e-14))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (local.set $op (local.get $op))
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $o (local.get $o))
      (v128.store (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load (local.get $c)) (v128.load (local.get $op))) (local.tee $r (f64x2.sub (v128.load (local.get $h)) (v128.load (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps))))
      (v128.store offset=16 (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load offset=16 (local.get $c)) (v128.load offset=16 (local.get $op))) (local.tee $r (f64x2.sub (v128.load offset=16 (local.get $h)) (v128.load offset=16 (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps))))
      (v128.store offset=32 (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load offset=32 (local.get $c)) (v128.load offset=32 (local.get $op))) (local.tee $r (f64x2.sub (v128.load offset=32 (local.get $h)) (v128.load offset=32 (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps))))
      (v128.store offset=48 (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load offset=48 (local.get $c)) (v128.load offset=48 (local.get $op))) (local.tee $r (f64x2.sub (v128.load offset=48 (local.get $h)) (v128.load offset=48 (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps))))
      (local.set $op (i32.add (local.get $op) (i32.const 64)))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load (local.get $c)) (v128.load (local.get $op))) (local.tee $r (f64x2.sub (v128.load (local.get $h)) (v128.load (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps))))
      (local.set $op (i32.add (local.get $op) (i32.const 16)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (v128.andnot (f64x2.div (f64x2.sub (v128.load64_splat (local.get $c)) (v128.load64_splat (local.get $op))) (local.tee $r (f64x2.sub (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))))) (f64x2.lt (local.get $r) (local.get $eps)))))))

  ;; ---------------------------------------------------------------- TRANGE
  ;; t = high - low; up = |pc - high|; if (up > t) t = up; dn = |pc - low|; if (dn > t) t = dn, with
  ;; pc the previous close. `if (x > t) t = x` is f64x2.pmax(t, x) (t < x ? x : t), NaN and zeros
  ;; included. The JavaScript kernel skips the two tests when pc lies in [low, high], where they
  ;; keep high - low anyway. The caller passes h, l, o at bar 1, c at bar 0, and n - 1 bars.
  (func (export "trange") (param $h i32) (param $l i32) (param $c i32) (param $o i32) (param $n i32)
    (local $k i32) (local $hv v128) (local $lv v128) (local $pv v128)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $u
      (v128.store (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load (local.get $h))) (local.tee $lv (v128.load (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv)))))
      (v128.store offset=16 (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load offset=16 (local.get $h))) (local.tee $lv (v128.load offset=16 (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load offset=16 (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv)))))
      (v128.store offset=32 (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load offset=32 (local.get $h))) (local.tee $lv (v128.load offset=32 (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load offset=32 (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv)))))
      (v128.store offset=48 (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load offset=48 (local.get $h))) (local.tee $lv (v128.load offset=48 (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load offset=48 (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv)))))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $u (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (v128.store (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load (local.get $h))) (local.tee $lv (v128.load (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv)))))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $l (i32.add (local.get $l) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (v128.store64_lane 0 (local.get $o) (f64x2.pmax (f64x2.pmax (f64x2.sub (local.tee $hv (v128.load64_splat (local.get $h))) (local.tee $lv (v128.load64_splat (local.get $l)))) (f64x2.abs (f64x2.sub (local.tee $pv (v128.load64_splat (local.get $c))) (local.get $hv)))) (f64x2.abs (f64x2.sub (local.get $pv) (local.get $lv))))))))

  ;; ---------------------------------------------------------------- AD, ADOSC
  ;; The A/D term: range > 0 ? ((c - l - (h - c)) / range) * v : +0, two bars per vector; the
  ;; running sum that takes it stays scalar, bar after bar, as in the JavaScript kernel. Eight bars
  ;; per turn (four terms computed, then the eight sums), written inline: a call to $term in the
  ;; loop is not inlined by V8 (AD 1.07 -> 1.59 ms); with eight bars per turn AD took 1.06-1.41 ->
  ;; 0.90-1.06 ms at 1M bars and ADOSC stayed at its EMA chain's ~1.9-2.2 ms. Liftoff (V8's first
  ;; tier, which runs the first calls until the optimised code is ready, several calls under load)
  ;; keeps a local in a register within a turn but on the stack from turn to turn, which put the
  ;; running sum through memory every two bars: AD 2.7-2.8 -> 1.6 ms, ADOSC 3.4-4.0 -> 2.6 ms there.
  ;; The bars left over (up to seven) go one by one through $term, both lanes the same bar.
  (func $term (param $h v128) (param $l v128) (param $c v128) (param $vol v128) (result v128)
    (local $r v128)
    (local.set $r (f64x2.sub (local.get $h) (local.get $l)))
    (v128.and
      (f64x2.mul
        (f64x2.div (f64x2.sub (f64x2.sub (local.get $c) (local.get $l)) (f64x2.sub (local.get $h) (local.get $c))) (local.get $r))
        (local.get $vol))
      (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))

  (func (export "ad") (param $h i32) (param $l i32) (param $c i32) (param $vol i32) (param $o i32) (param $n i32)
    (local $k i32) (local $acc f64) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $r v128) (local $hv v128) (local $lv v128) (local $cv v128)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $vol (local.get $vol))
      (local.set $o (local.get $o))
      (local.set $hv (v128.load (local.get $h)))
      (local.set $lv (v128.load (local.get $l)))
      (local.set $cv (v128.load (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t0 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=16 (local.get $h)))
      (local.set $lv (v128.load offset=16 (local.get $l)))
      (local.set $cv (v128.load offset=16 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t1 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=16 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=32 (local.get $h)))
      (local.set $lv (v128.load offset=32 (local.get $l)))
      (local.set $cv (v128.load offset=32 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t2 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=32 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=48 (local.get $h)))
      (local.set $lv (v128.load offset=48 (local.get $l)))
      (local.set $cv (v128.load offset=48 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t3 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=48 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (f64.store (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t0)))))
      (f64.store offset=8 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t0)))))
      (f64.store offset=16 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t1)))))
      (f64.store offset=24 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t1)))))
      (f64.store offset=32 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t2)))))
      (f64.store offset=40 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t2)))))
      (f64.store offset=48 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t3)))))
      (f64.store offset=56 (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t3)))))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $vol (i32.add (local.get $vol) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (local.get $n) (i32.const 7)))
    (if (local.get $k) (then (loop $s
      (f64.store (local.get $o) (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (call $term
        (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))
        (v128.load64_splat (local.get $c)) (v128.load64_splat (local.get $vol)))))))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $vol (i32.add (local.get $vol) (i32.const 8)))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br_if $s (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))

  ;; Chaikin oscillator over n >= 1 bars: the A/D sum as in "ad", both EMAs seeded with the first
  ;; A/D value, then per bar ema = k * acc + k1 * ema for [fast, slow] in one vector (per lane the
  ;; same two products and sum as the scalar kernel), out = fast - slow. Writes every bar, warm-up
  ;; included (bar 0 gets 0): the caller writes the warm-up's NaN afterwards. Eight bars per turn
  ;; after bar 0, as "ad".
  (func (export "adosc") (param $h i32) (param $l i32) (param $c i32) (param $vol i32) (param $o i32) (param $n i32)
    (param $fk f64) (param $fk1 f64) (param $sk f64) (param $sk1 f64)
    (local $k i32) (local $acc f64) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $ema v128) (local $kk v128) (local $kk1 v128)
    (local $r v128) (local $hv v128) (local $lv v128) (local $cv v128)
    (local.set $kk (f64x2.replace_lane 1 (f64x2.splat (local.get $fk)) (local.get $sk)))
    (local.set $kk1 (f64x2.replace_lane 1 (f64x2.splat (local.get $fk1)) (local.get $sk1)))
    (local.set $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (call $term
      (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))
      (v128.load64_splat (local.get $c)) (v128.load64_splat (local.get $vol))))))
    (local.set $ema (f64x2.splat (local.get $acc)))
    (f64.store (local.get $o) (f64.const 0))
    (local.set $h (i32.add (local.get $h) (i32.const 8)))
    (local.set $l (i32.add (local.get $l) (i32.const 8)))
    (local.set $c (i32.add (local.get $c) (i32.const 8)))
    (local.set $vol (i32.add (local.get $vol) (i32.const 8)))
    (local.set $o (i32.add (local.get $o) (i32.const 8)))
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k) (then (loop $v
      (local.set $h (local.get $h))
      (local.set $l (local.get $l))
      (local.set $c (local.get $c))
      (local.set $vol (local.get $vol))
      (local.set $o (local.get $o))
      (local.set $hv (v128.load (local.get $h)))
      (local.set $lv (v128.load (local.get $l)))
      (local.set $cv (v128.load (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t0 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=16 (local.get $h)))
      (local.set $lv (v128.load offset=16 (local.get $l)))
      (local.set $cv (v128.load offset=16 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t1 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=16 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=32 (local.get $h)))
      (local.set $lv (v128.load offset=32 (local.get $l)))
      (local.set $cv (v128.load offset=32 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t2 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=32 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (local.set $hv (v128.load offset=48 (local.get $h)))
      (local.set $lv (v128.load offset=48 (local.get $l)))
      (local.set $cv (v128.load offset=48 (local.get $c)))
      (local.set $r (f64x2.sub (local.get $hv) (local.get $lv)))
      (local.set $t3 (v128.and
        (f64x2.mul
          (f64x2.div (f64x2.sub (f64x2.sub (local.get $cv) (local.get $lv)) (f64x2.sub (local.get $hv) (local.get $cv))) (local.get $r))
          (v128.load offset=48 (local.get $vol)))
        (f64x2.gt (local.get $r) (v128.const f64x2 0 0))))
      (f64.store (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t0)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=8 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t0)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=16 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t1)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=24 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t1)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=32 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t2)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=40 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t2)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=48 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $t3)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (f64.store offset=56 (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.tee $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.tee $acc (f64.add (local.get $acc) (f64x2.extract_lane 1 (local.get $t3)))))) (f64x2.mul (local.get $kk1) (local.get $ema))))) (f64x2.extract_lane 1 (local.get $ema))))
      (local.set $h (i32.add (local.get $h) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 64)))
      (local.set $c (i32.add (local.get $c) (i32.const 64)))
      (local.set $vol (i32.add (local.get $vol) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br_if $v (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (local.get $n) (i32.const 7)))
    (if (local.get $k) (then (loop $s
      (local.set $acc (f64.add (local.get $acc) (f64x2.extract_lane 0 (call $term
        (v128.load64_splat (local.get $h)) (v128.load64_splat (local.get $l))
        (v128.load64_splat (local.get $c)) (v128.load64_splat (local.get $vol))))))
      (local.set $ema (f64x2.add (f64x2.mul (local.get $kk) (f64x2.splat (local.get $acc))) (f64x2.mul (local.get $kk1) (local.get $ema))))
      (f64.store (local.get $o) (f64.sub (f64x2.extract_lane 0 (local.get $ema)) (f64x2.extract_lane 1 (local.get $ema))))
      (local.set $h (i32.add (local.get $h) (i32.const 8)))
      (local.set $l (i32.add (local.get $l) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $vol (i32.add (local.get $vol) (i32.const 8)))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br_if $s (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))
)
