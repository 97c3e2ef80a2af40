#pragma once

namespace gs {

class EditorSession;
struct PythonRequest;

/// Sets the session's tape as Python code's last gradient call had it: the sources that call's
/// tape watched, and the Jacobian or the Hessian when the call asked for one (see PythonRequest).
/// Called after the code's document was loaded or applied, so that the window shows what the
/// code computes (a constant the code watched is a source, nested tapes show the Hessian).
void applyPythonRequest(EditorSession& session, const PythonRequest& request);

} // namespace gs
