# The calls the chapter's text makes to show how a TF Function retraces.
@tf.function
def tf_cube(x):
    return x ** 3

tf_cube(tf.constant(10))
tf_cube(tf.constant(20))
tf_cube(tf.constant([10, 20]))
tf_cube(10)
tf_cube(20)
