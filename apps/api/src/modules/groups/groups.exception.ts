import { DomainException } from '../../common/domain.exception';

export enum GroupsExceptionCode {
  NotFound = 'GROUP_NOT_FOUND',
  NameTaken = 'GROUP_NAME_TAKEN',
  UserNotFound = 'USER_NOT_FOUND',
}

export class GroupsException extends DomainException {
  static notFound(): GroupsException {
    return new GroupsException(GroupsExceptionCode.NotFound, 404, 'Nie znaleziono grupy użytkowników.');
  }

  static nameTaken(): GroupsException {
    return new GroupsException(GroupsExceptionCode.NameTaken, 409, 'Grupa o tej nazwie już istnieje.', [
      { path: 'name', message: 'Wybierz inną nazwę grupy.' },
    ]);
  }

  /** Also for people of other tenants, so their existence is not confirmed. */
  static userNotFound(): GroupsException {
    return new GroupsException(GroupsExceptionCode.UserNotFound, 404, 'Nie znaleziono użytkownika.');
  }
}
