line 10, column 15: A non-persistent GradientTape can only be used to compute one set of gradients
(or jacobians) — this tape gave its gradients on line 9; make it with
tf.GradientTape(persistent=True) to ask it again
  dz_dw2 = tape.gradient(z, w2) # RuntimeError!
                ^
