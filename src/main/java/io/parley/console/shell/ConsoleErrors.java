package io.parley.console.shell;

import io.parley.platform.ConflictException;
import io.parley.platform.ForbiddenException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.ParleyException;
import io.parley.platform.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * How the console shows what went wrong: an unknown id, or another organization's, is the same not-found page; a
 * role that may not is the not-allowed page; bad input and conflicts say what to fix. An htmx request gets the
 * message as a fragment swapped into the page's {@code #flash} region instead of a whole page.
 */
@ControllerAdvice(basePackages = "io.parley.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(request, response, model, 404, "console/not-found", e.getMessage());
    }

    @ExceptionHandler({ConsoleForbiddenException.class, ForbiddenException.class})
    String forbidden(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(request, response, model, 403, "console/forbidden", e.getMessage());
    }

    @ExceptionHandler(ConsoleUser.NoOrganizationChosenException.class)
    String noOrganization(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", "/console/organizations");
            return "console/fragments :: empty";
        }
        return "redirect:/console/organizations";
    }

    @ExceptionHandler({InvalidRequestException.class, ConflictException.class, TooManyRequestsException.class})
    String refused(ParleyException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = e instanceof ConflictException ? 409 : e instanceof TooManyRequestsException ? 429 : 400;
        return show(request, response, model, status, "console/error", e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badParameter(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(request, response, model, 400, "console/error", "A field of this form is missing or malformed");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(request, response, model, 413, "console/error", "This file is larger than Parley accepts");
    }

    private static String show(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            int status,
            String page,
            String text) {
        response.setStatus(status);
        model.addAttribute("problem", text);
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "console/fragments :: flash-error";
        }
        return page;
    }
}
