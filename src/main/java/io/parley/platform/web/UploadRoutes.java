package io.parley.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Multipart bodies only reach routes that take uploads: anywhere else they are {@code 415} before a byte of them is
 * read. Together with lazy multipart resolution ({@code spring.servlet.multipart.resolve-lazily}) an upload is parsed
 * (and spooled to disk) only when its handler's arguments are resolved, i.e. after authentication and the access
 * check, never for a caller who is refused or a route that ignores it.
 */
class UploadRoutes implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String contentType = request.getContentType();
        if (contentType != null
                && contentType.regionMatches(true, 0, "multipart/", 0, 10)
                && !(handler instanceof HandlerMethod method && takesUploads(method))) {
            throw new HttpMediaTypeNotSupportedException(
                    contentType.split(";")[0].strip() + " is not accepted here", List.of(MediaType.APPLICATION_JSON));
        }
        return true;
    }

    /** A {@code @RequestPart} or a file parameter (alone or as an array) makes a route an upload route. */
    static boolean takesUploads(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            Class<?> type = parameter.getParameterType().isArray()
                    ? parameter.getParameterType().getComponentType()
                    : parameter.getParameterType();
            if (parameter.hasParameterAnnotation(RequestPart.class)
                    || MultipartFile.class.isAssignableFrom(type)
                    || Part.class.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
