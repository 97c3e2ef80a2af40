#include "ui/editor/PythonTape.h"

#include "document/python/PythonProgram.h"
#include "ui/editor/EditorSession.h"

namespace gs {

void applyPythonRequest(EditorSession& session, const PythonRequest& request)
{
    session.setWatched(request.sources);
    session.setJacobian(request.jacobian);
    session.setHessian(request.hessian);
}

} // namespace gs
