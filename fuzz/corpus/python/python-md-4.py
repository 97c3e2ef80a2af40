$ gradscope eval hessian.py --json
{
  "value": 105.0,
  "dtype": "float32",
  "target": "z",
  "gradients": {"w1": 36.0, "w2": 10.0},
  "hessian": [[6.0, 2.0], [2.0, null]],
  "nonfinite": [],
  "python": {"w1": 5.0, "w2": 3.0, "z": 105.0, "jacobians": [36.0, 10.0], "hessians": [[6.0, 2.0], [2.0, null]]}
}
